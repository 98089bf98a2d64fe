using System.IO;

namespace PickleBuildGuard.Input;

/// <summary>A seekable stream read at random offsets from the position it had when the scan began.</summary>
internal sealed class StreamByteSource : ByteSource
{
    private readonly Stream stream;
    private readonly long origin;
    private readonly long length;

    public StreamByteSource(Stream stream)
    {
        this.stream = stream;
        origin = stream.Position;
        length = stream.Length - origin;
    }

    public override long Length => length;

    public override int ReadAt(long offset, byte[] buffer, int index, int count)
    {
        if (offset >= length)
        {
            return 0;
        }

        return StreamReading.ReadAt(stream, origin + offset, buffer, index, (int)System.Math.Min(count, length - offset));
    }
}
