using System;
using System.IO;

namespace PickleBuildGuard.Input;

/// <summary>A read-only forward stream over a byte source, to feed decompressors.</summary>
internal sealed class ByteSourceStream : Stream
{
    private readonly ByteSource source;
    private long position;

    public ByteSourceStream(ByteSource source) => this.source = source;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => source.Length;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = source.ReadAt(position, buffer, offset, count);
        position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
