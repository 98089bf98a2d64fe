using System.Collections.Generic;
using System.Text;

namespace PickleBuildGuard.Tests;

/// <summary>Hand-assembles small opcode streams for tests that need one exact shape (the fixtures cover real producers).</summary>
internal sealed class PickleBytes
{
    private readonly List<byte> bytes = new();

    public PickleBytes Proto(int protocol) => Op(0x80).Byte(protocol);

    public PickleBytes Global(string module, string name) => Op('c').Ascii(module + "\n" + name + "\n");

    public PickleBytes Unicode(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        return Op(0x8c).Byte(utf8.Length).Raw(utf8);
    }

    public PickleBytes BinBytes(byte[] data)
    {
        Op('B');
        for (int i = 0; i < 4; i++)
        {
            Byte((data.Length >> (8 * i)) & 0xFF);
        }

        return Raw(data);
    }

    public PickleBytes Op(char code) => Byte(code);

    public PickleBytes Op(int code) => Byte(code);

    public PickleBytes Byte(int value)
    {
        bytes.Add((byte)value);
        return this;
    }

    public PickleBytes Ascii(string text) => Raw(Encoding.ASCII.GetBytes(text));

    public PickleBytes Raw(byte[] data)
    {
        bytes.AddRange(data);
        return this;
    }

    public int Length => bytes.Count;

    public byte[] ToArray() => bytes.ToArray();
}
