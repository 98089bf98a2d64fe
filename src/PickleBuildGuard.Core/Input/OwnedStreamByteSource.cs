using System.IO;

namespace PickleBuildGuard.Input;

/// <summary>A seekable stream the source owns and closes (a temporary spool file).</summary>
internal sealed class OwnedStreamByteSource : ByteSource
{
    private readonly Stream stream;

    public OwnedStreamByteSource(Stream stream) => this.stream = stream;

    public override long Length => stream.Length;

    public override int ReadAt(long offset, byte[] buffer, int index, int count) =>
        offset >= stream.Length ? 0 : StreamReading.ReadAt(stream, offset, buffer, index, (int)System.Math.Min(count, stream.Length - offset));

    public override void Dispose() => stream.Dispose();
}
