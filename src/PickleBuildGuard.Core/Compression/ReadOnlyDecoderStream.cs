using System;
using System.IO;

namespace PickleBuildGuard.Compression;

/// <summary>What every decoder stream shares: read-only, forward-only, no length, no position.</summary>
internal abstract class ReadOnlyDecoderStream : Stream
{
    private readonly byte[] single = new byte[1];

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("A decoder stream has no known length.");

    public override long Position
    {
        get => throw new NotSupportedException("A decoder stream has no position.");
        set => throw new NotSupportedException("A decoder stream cannot seek.");
    }

    public override int ReadByte() => Read(single, 0, 1) == 1 ? single[0] : -1;

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A decoder stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A decoder stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A decoder stream is read-only.");
}
