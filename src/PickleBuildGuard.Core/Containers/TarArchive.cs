using System;
using System.Collections.Generic;
using System.Text;
using PickleBuildGuard.Input;

namespace PickleBuildGuard.Containers;

/// <summary>The regular files of a tar archive (ustar, GNU long names, pax headers skipped); headers only are read.</summary>
internal static class TarArchive
{
    private const int Block = 512;

    public readonly struct Member
    {
        public Member(string name, long offset, long size)
        {
            Name = name;
            Offset = offset;
            Size = size;
        }

        public string Name { get; }

        public long Offset { get; }

        public long Size { get; }
    }

    /// <summary>Regular members read from one archive; an archive with more is reported, never silently cut.</summary>
    public const int MaxMembers = 100_000;

    /// <summary>
    /// The members; <paramref name="problems"/> collects what was malformed, <paramref name="limitReached"/> says
    /// when members past <see cref="MaxMembers"/> were not read.
    /// </summary>
    public static List<Member> Read(ByteSource source, List<string> problems, out string? limitReached)
    {
        limitReached = null;
        var members = new List<Member>();
        var header = new byte[Block];
        string? longName = null;
        long position = 0;
        int problemsBefore = problems.Count;
        bool ended = false;
        while (position + Block <= source.Length)
        {
            source.ReadAt(position, header, 0, Block);
            if (IsZeroBlock(header))
            {
                ended = true;
                break;
            }

            if (members.Count == MaxMembers)
            {
                limitReached = $"tar archive has more than {MaxMembers:N0} members; those after member {MaxMembers:N0} (from offset {position:N0}) were not read";
                break;
            }

            if (!TryOctal(header, 124, 12, out long size) || size < 0)
            {
                problems.Add($"tar header at {position} has an invalid size");
                break;
            }

            char type = (char)header[156];
            string name = longName ?? Field(header, 0, 100);
            longName = null;
            string prefix = Field(header, 345, 155);
            if (prefix.Length > 0 && header[257] == (byte)'u')
            {
                name = prefix + "/" + name;
            }

            long data = position + Block;

            // Compared with what is left, never added to the offset: a GNU base-256 size can be close to 2^63.
            bool cutOff = size > source.Length - data;
            if (type == 'L')
            {
                var nameBytes = new byte[Math.Min(size, 4096)];
                source.ReadAt(data, nameBytes, 0, nameBytes.Length);
                longName = Encoding.UTF8.GetString(nameBytes).TrimEnd('\0');
            }
            else if (type is '1' or '2' or '3' or '4' or '5' or '6' or 'x' or 'g' or 'K')
            {
                // Links, devices, directories, FIFOs and metadata carry no file content.
            }
            else if (type != '0' && type != '\0' && type != '7')
            {
                // GNU sparse ('S') and other members whose bytes are not the file as stored: not readable here.
                problems.Add($"tar member '{name}' has type '{type}', whose content cannot be read here");
            }
            else
            {
                if (cutOff)
                {
                    problems.Add($"tar member '{name}' is cut off");
                    members.Add(new Member(name, data, source.Length - data));
                    break;
                }

                members.Add(new Member(name, data, size));
            }

            if (cutOff)
            {
                problems.Add($"tar header at {position} declares {size:N0} bytes of content, more than the archive holds");
                break;
            }

            position = data + ((size + Block - 1) / Block * Block);
        }

        if (!ended && limitReached is null && problems.Count == problemsBefore)
        {
            // tar writers close an archive with zero blocks: without them it was cut short, possibly right after a
            // member, where what followed (the rest of the members) is gone without a trace in what is left.
            problems.Add(position < source.Length && !IsZeroRange(source, position)
                ? $"tar archive ends inside a header at {position}"
                : "tar archive ends without its end-of-archive blocks: it was cut short");
        }

        return members;
    }

    private static bool IsZeroRange(ByteSource source, long from)
    {
        var rest = new byte[(int)(source.Length - from)];
        int n = source.ReadAt(from, rest, 0, rest.Length);
        for (int i = 0; i < n; i++)
        {
            if (rest[i] != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsZeroBlock(byte[] block)
    {
        foreach (byte b in block)
        {
            if (b != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static string Field(byte[] header, int offset, int length)
    {
        int end = offset;
        while (end < offset + length && header[end] != 0)
        {
            end++;
        }

        return Encoding.UTF8.GetString(header, offset, end - offset);
    }

    // Octal with optional spaces/NULs; GNU base-256 (high bit set) for big sizes.
    private static bool TryOctal(byte[] header, int offset, int length, out long value)
    {
        value = 0;
        if ((header[offset] & 0x80) != 0)
        {
            for (int i = offset + 1; i < offset + length; i++)
            {
                value = (value << 8) | header[i];
            }

            return value >= 0;
        }

        bool any = false;
        for (int i = offset; i < offset + length; i++)
        {
            byte c = header[i];
            if (c == 0 || c == (byte)' ')
            {
                if (any)
                {
                    break;
                }

                continue;
            }

            if (c < (byte)'0' || c > (byte)'7')
            {
                return false;
            }

            value = (value * 8) + (c - '0');
            any = true;
        }

        return true;
    }
}
