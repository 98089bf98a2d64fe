using System;
using System.Text;
using System.Text.RegularExpressions;
using PickleBuildGuard.Input;

namespace PickleBuildGuard.Containers;

/// <summary>The header of a NumPy .npy file: where the data starts and whether the dtype holds Python objects (pickled).</summary>
internal sealed class NpyHeader
{
    // An object field anywhere in the descr: '|O', 'O', '<O8' (also inside a structured dtype's field list).
    private static readonly Regex ObjectType = new(@"'[<>|=]?O\d*'", RegexOptions.CultureInvariant);

    private NpyHeader(long dataOffset, bool hasObjects, string descr)
    {
        DataOffset = dataOffset;
        HasObjects = hasObjects;
        Descr = descr;
    }

    public long DataOffset { get; }

    public bool HasObjects { get; }

    public string Descr { get; }

    /// <summary>Parses the header; null with <paramref name="problem"/> when it is malformed.</summary>
    public static NpyHeader? Read(ByteSource source, out string? problem)
    {
        problem = null;
        var head = new byte[12];
        int n = source.ReadAt(0, head, 0, 12);
        if (n < 10 || head[0] != 0x93 || head[1] != (byte)'N' || head[2] != (byte)'U' || head[3] != (byte)'M' || head[4] != (byte)'P' || head[5] != (byte)'Y')
        {
            problem = "not a .npy header";
            return null;
        }

        int major = head[6];
        long headerLength, start;
        if (major == 1)
        {
            headerLength = head[8] | (head[9] << 8);
            start = 10;
        }
        else if ((major == 2 || major == 3) && n >= 12)
        {
            headerLength = (uint)(head[8] | (head[9] << 8) | (head[10] << 16) | (head[11] << 24));
            start = 12;
        }
        else
        {
            problem = $"unsupported .npy version {major}";
            return null;
        }

        if (headerLength > 1 << 20 || start + headerLength > source.Length)
        {
            problem = $"header length {headerLength} is impossible for a {source.Length}-byte file";
            return null;
        }

        var text = new byte[headerLength];
        source.ReadAt(start, text, 0, text.Length);
        string header = (major == 3 ? Encoding.UTF8 : Encoding.GetEncoding("ISO-8859-1")).GetString(text);
        int descrAt = header.IndexOf("'descr'", StringComparison.Ordinal);
        if (descrAt < 0 || header.IndexOf("'shape'", StringComparison.Ordinal) < 0)
        {
            problem = "header has no descr or shape";
            return null;
        }

        int fortran = header.IndexOf("'fortran_order'", StringComparison.Ordinal);
        int descrEnd = fortran > descrAt ? fortran : header.Length;
        string descr = header.Substring(descrAt, descrEnd - descrAt);
        return new NpyHeader(start + headerLength, ObjectType.IsMatch(descr), descr);
    }
}
