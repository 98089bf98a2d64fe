using System;
using System.IO;
using System.Text;

namespace PickleBuildGuard.Fuzzing.Generation;

/// <summary>Writes pickle opcodes by hand, so generated inputs can be exactly as deep, wide or long as a case needs.</summary>
public sealed class PickleWriter
{
    private readonly MemoryStream stream = new();

    public PickleWriter Proto(int protocol = 4) => Byte(0x80).Byte((byte)protocol);

    public PickleWriter Op(char code) => Byte((byte)code);

    public PickleWriter Op(byte code) => Byte(code);

    public PickleWriter Repeat(char code, int count) => Repeat(new[] { (byte)code }, count);

    public PickleWriter Repeat(byte[] bytes, int count)
    {
        for (int i = 0; i < count; i++)
        {
            stream.Write(bytes, 0, bytes.Length);
        }

        return this;
    }

    public PickleWriter Global(string module, string name) => Op('c').Raw(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));

    public PickleWriter Unicode(string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        return Op('X').UInt32((uint)utf8.Length).Raw(utf8);
    }

    public PickleWriter Bytes(byte[] data) => Op('B').UInt32((uint)data.Length).Raw(data);

    public PickleWriter UInt32(uint value) => Raw(BitConverter.GetBytes(value));

    public PickleWriter UInt64(ulong value) => Raw(BitConverter.GetBytes(value));

    public PickleWriter Raw(byte[] data)
    {
        stream.Write(data, 0, data.Length);
        return this;
    }

    public PickleWriter Byte(byte value)
    {
        stream.WriteByte(value);
        return this;
    }

    /// <summary>posix.system('touch /tmp/…') called with REDUCE: harmless if ever loaded, critical to the scanner.</summary>
    public PickleWriter SystemCall(string marker) =>
        Global("posix", "system").Unicode($"touch /tmp/pbg_fuzz_{marker}").Op(0x85).Op('R');

    public byte[] Stop() => Op('.').ToArray();

    public byte[] ToArray() => stream.ToArray();

    /// <summary>A complete protocol-4 pickle that calls posix.system('touch /tmp/pbg_fuzz_…').</summary>
    public static byte[] Payload(string marker) => new PickleWriter().Proto().SystemCall(marker).Stop();

    /// <summary>A complete, benign protocol-2 pickle of None.</summary>
    public static byte[] BenignNone() => new PickleWriter().Proto(2).Op('N').Stop();
}
