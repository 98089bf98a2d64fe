using System.Linq;
using PickleBuildGuard.Pickle;
using Xunit;

namespace PickleBuildGuard.Tests;

public class OpcodeTableTests
{
    [Fact]
    public void Table_defines_all_68_opcodes_of_protocols_0_to_5_once()
    {
        Assert.Equal(68, OpcodeTable.All.Count);
        Assert.Equal(68, OpcodeTable.All.Select(o => o.Code).Distinct().Count());
        Assert.Equal(68, OpcodeTable.All.Select(o => o.Name).Distinct().Count());
        Assert.All(OpcodeTable.All, o => Assert.InRange(o.Protocol, 0, 5));
    }

    [Theory]
    [InlineData("STACK_GLOBAL", 0x93, 4)]
    [InlineData("FRAME", 0x95, 4)]
    [InlineData("BYTEARRAY8", 0x96, 5)]
    [InlineData("GLOBAL", 'c', 0)]
    [InlineData("BINPERSID", 'Q', 1)]
    [InlineData("NEWOBJ", 0x81, 2)]
    [InlineData("BINBYTES", 'B', 3)]
    public void Opcode_has_the_byte_and_protocol_of_pickletools(string name, int code, int protocol)
    {
        OpcodeInfo? op = OpcodeTable.Find((byte)code);
        Assert.NotNull(op);
        Assert.Equal(name, op!.Name);
        Assert.Equal(protocol, op.Protocol);
    }

    [Fact]
    public void Bytes_that_no_protocol_defines_are_not_opcodes()
    {
        Assert.Null(OpcodeTable.Find(0xff));
        Assert.Null(OpcodeTable.Find(0x00));
        Assert.Null(OpcodeTable.Find(0x99));
    }
}
