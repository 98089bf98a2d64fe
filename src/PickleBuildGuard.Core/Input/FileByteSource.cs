using System.IO;

namespace PickleBuildGuard.Input;

/// <summary>A file read at random offsets through one handle; never loaded whole.</summary>
internal sealed class FileByteSource : ByteSource
{
    private readonly FileStream stream;
    private readonly long length;

    public FileByteSource(string path)
    {
        // FileShare.ReadWrite|Delete: a build may have the file open; we only read.
        stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.RandomAccess);
        length = stream.Length;
    }

    public override long Length => length;

    public override int ReadAt(long offset, byte[] buffer, int index, int count)
    {
        if (offset >= length)
        {
            return 0;
        }

#if NET
        return RandomAccess.Read(stream.SafeFileHandle, new System.Span<byte>(buffer, index, count), offset);
#else
        return StreamReading.ReadAt(stream, offset, buffer, index, count);
#endif
    }

    public override void Dispose() => stream.Dispose();
}
