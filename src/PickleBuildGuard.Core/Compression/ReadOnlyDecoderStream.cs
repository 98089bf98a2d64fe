using System;
using System.IO;

namespace PickleBuildGuard.Compression;

/// <summary>
/// What every decoder stream shares: read-only, forward-only, no length or seeking, argument checks, and a failure
/// that sticks — once decoding failed, every later read fails the same way, and no unexpected exception type ever
/// escapes corrupt input (it becomes <see cref="InvalidDataException"/>).
/// </summary>
internal abstract class ReadOnlyDecoderStream : Stream
{
    private readonly byte[] single = new byte[1];
    private string? fault;

    public override bool CanRead => !IsDisposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException("A decoder stream has no known length.");

    public override long Position
    {
        get => throw new NotSupportedException("A decoder stream has no position.");
        set => throw new NotSupportedException("A decoder stream cannot seek.");
    }

    /// <summary>The format's name in messages ("bzip2", "xz"…).</summary>
    protected abstract string FormatName { get; }

    protected bool IsDisposed { get; private set; }

    public sealed override int Read(byte[] buffer, int offset, int count)
    {
        if (buffer is null)
        {
            throw new ArgumentNullException(nameof(buffer));
        }

        if (offset < 0 || count < 0 || count > buffer.Length - offset)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        if (IsDisposed)
        {
            throw new ObjectDisposedException(GetType().Name);
        }

        if (fault is not null)
        {
            throw new InvalidDataException(fault);
        }

        if (count == 0)
        {
            return 0;
        }

        try
        {
            return ReadDecoded(buffer, offset, count);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or OverflowException)
        {
            // Defensive: no path should get here, but corrupt input must never surface as anything else.
            fault = $"Corrupt {FormatName} data.";
            throw new InvalidDataException(fault, e);
        }
        catch (Exception e)
        {
            fault = e.Message;
            throw;
        }
    }

    public override int ReadByte() => Read(single, 0, 1) == 1 ? single[0] : -1;

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A decoder stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A decoder stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A decoder stream is read-only.");

    /// <summary>Decodes into a validated, non-empty range; exceptions become the stream's lasting failure.</summary>
    protected abstract int ReadDecoded(byte[] buffer, int offset, int count);

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
