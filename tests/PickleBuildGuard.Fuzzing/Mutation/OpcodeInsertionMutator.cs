using PickleBuildGuard.Fuzzing.Corpus;
using PickleBuildGuard.Fuzzing.Oracles;

namespace PickleBuildGuard.Fuzzing.Mutation;

/// <summary>
/// Inserts well-formed opcodes at an opcode boundary of a pickle: marks, stack and memo operations, frames, protocol
/// switches, globals, calls, buffers, extension codes. Byte flips rarely produce a valid opcode sequence; this
/// exercises the symbolic machine's stack and memo bookkeeping with input a loader would at least start on.
/// </summary>
public sealed class OpcodeInsertionMutator : IMutator
{
    private static readonly byte[][] Snippets =
    {
        new byte[] { (byte)'(' },
        new byte[] { (byte)'(', (byte)'(', (byte)'(' },
        new byte[] { (byte)'0' },
        new byte[] { (byte)'1' },
        new byte[] { (byte)'2' },
        new byte[] { 0x94 },
        new byte[] { (byte)'h', 0x00 },
        new byte[] { (byte)'j', 0xFF, 0xFF, 0xFF, 0xFF },
        new byte[] { (byte)'r', 0xFF, 0xFF, 0xFF, 0x7F },
        new byte[] { (byte)'q', 0x00 },
        new byte[] { 0x95, 0x10, 0, 0, 0, 0, 0, 0, 0 },
        new byte[] { 0x95, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F },
        new byte[] { 0x80, 0x05 },
        new byte[] { 0x80, 0xFF },
        new byte[] { (byte)'.' },
        new byte[] { (byte)']', (byte)'a' },
        new byte[] { (byte)'}', (byte)'s' },
        new byte[] { 0x93 },
        new byte[] { (byte)'R' },
        new byte[] { (byte)'b' },
        new byte[] { (byte)'t' },
        new byte[] { (byte)'e' },
        new byte[] { (byte)'u' },
        new byte[] { 0x81 },
        new byte[] { 0x92 },
        new byte[] { 0x97 },
        new byte[] { 0x98 },
        new byte[] { 0x82, 0x01 },
        new byte[] { (byte)'Q' },
        new byte[] { (byte)'N', 0x85 },
        new byte[] { 0x8c, 0x05, (byte)'p', (byte)'o', (byte)'s', (byte)'i', (byte)'x', 0x8c, 0x06, (byte)'s', (byte)'y', (byte)'s', (byte)'t', (byte)'e', (byte)'m', 0x93 },
        new byte[] { (byte)'c', (byte)'b', (byte)'u', (byte)'i', (byte)'l', (byte)'t', (byte)'i', (byte)'n', (byte)'s', (byte)'\n', (byte)'l', (byte)'i', (byte)'s', (byte)'t', (byte)'\n' },
        new byte[] { 0x8e, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F },
        new byte[] { 0x8b, 0xFF, 0xFF, 0xFF, 0x7F },
    };

    public string Name => "insert-opcodes";

    public FuzzInput? Mutate(SeedCorpus corpus, FuzzRandom random)
    {
        Seed seed = corpus.Draw(random);
        if (seed.Baseline.Format is not ("pickle" or "joblib" or "pytorch-legacy"))
        {
            return null;
        }

        var sites = PickleOpcodeWalker.Walk(seed.Bytes, 0, 1 << 16);
        if (sites.Count == 0)
        {
            return null;
        }

        // Insertion points in decreasing order, so each insertion leaves the offsets of the ones still to come valid.
        int insertions = random.Between(1, 4);
        var points = new int[insertions];
        for (int i = 0; i < insertions; i++)
        {
            points[i] = random.Pick(sites).Offset;
        }

        System.Array.Sort(points);
        System.Array.Reverse(points);
        byte[] data = seed.Bytes;
        var description = new System.Text.StringBuilder();
        foreach (int at in points)
        {
            byte[] snippet = random.Pick(Snippets);
            int repeat = random.Chance(0.2) ? random.Between(2, 2000) : 1;
            var block = new byte[snippet.Length * repeat];
            for (int r = 0; r < repeat; r++)
            {
                System.Buffer.BlockCopy(snippet, 0, block, r * snippet.Length, snippet.Length);
            }

            data = Splice.Insert(data, at, block);
            description.Append($"{repeat}x[{System.BitConverter.ToString(snippet)}] @{at}; ");
        }

        return new FuzzInput(data, Name, seed.Name, description.ToString().TrimEnd(' ', ';'), Expectation.Any);
    }
}
