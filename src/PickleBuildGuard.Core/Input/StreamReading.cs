using System.IO;

namespace PickleBuildGuard.Input;

/// <summary>Stream reads that do not stop at the first short read.</summary>
internal static class StreamReading
{
    /// <summary>Reads from <paramref name="position"/> until <paramref name="count"/> bytes arrived or the stream ended.</summary>
    public static int ReadAt(Stream stream, long position, byte[] buffer, int index, int count)
    {
        stream.Position = position;
        int total = 0;
        while (total < count)
        {
            int n = stream.Read(buffer, index + total, count - total);
            if (n <= 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
