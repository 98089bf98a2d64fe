using System.Linq;
using PickleBuildGuard.Fuzzing.Campaign;
using PickleBuildGuard.Fuzzing.Generation;
using PickleBuildGuard.Fuzzing.Mutation;
using PickleBuildGuard.Fuzzing.Oracles;
using Xunit;

namespace PickleBuildGuard.Fuzzing.Tests;

/// <summary>The mutators aim where they say, and a campaign's inputs depend on (seed, index) only.</summary>
[Collection(CorpusCollection.Name)]
public sealed class MutationTests
{
    private readonly CorpusFixture fixture;

    public MutationTests(CorpusFixture fixture) => this.fixture = fixture;

    [Fact]
    public void Length_fields_of_pickle_opcodes_are_found_at_their_offsets()
    {
        // PROTO 4, FRAME(11), BINBYTES8(2) "ab", LONG4(1) 0x01, STOP
        byte[] pickle = new PickleWriter().Proto().Op(0x95).UInt64(11).Op(0x8e).UInt64(2).Raw(new byte[] { (byte)'a', (byte)'b' })
            .Op(0x8b).UInt32(1).Byte(1).Op(0x85).Stop();

        var fields = LengthFieldLocator.Find(pickle);

        Assert.Contains(new LengthField("FRAME length", 3, 8, FieldEncoding.LittleEndian), fields);
        Assert.Contains(new LengthField("BINBYTES8 length", 12, 8, FieldEncoding.LittleEndian), fields);
        Assert.Contains(new LengthField("LONG4 length", 23, 4, FieldEncoding.LittleEndian), fields);
    }

    [Fact]
    public void Zip_tar_and_npy_size_fields_are_found()
    {
        byte[] zip = ArchiveWriter.StoredZip(new[] { ("a.pkl", PickleWriter.BenignNone()) });
        byte[] tar = ArchiveWriter.Tar(new[] { ("a.pkl", PickleWriter.BenignNone()) });

        var zipKinds = LengthFieldLocator.Find(zip).Select(f => f.Kind).ToArray();
        Assert.Contains("zip local compressed size", zipKinds);
        Assert.Contains("zip central local header offset", zipKinds);
        Assert.Contains("zip end directory offset", zipKinds);
        Assert.Contains(new LengthField("tar size", 124, 12, FieldEncoding.TarOctal), LengthFieldLocator.Find(tar));
    }

    [Fact]
    public void Walker_stops_at_the_first_byte_that_is_not_an_opcode()
    {
        byte[] data = { 0x80, 0x02, (byte)'N', 0xFF, (byte)'N', (byte)'.' };
        Assert.Equal(new[] { 0, 2 }, PickleOpcodeWalker.Walk(data).Select(s => s.Offset).ToArray());
    }

    [Fact]
    public void Only_a_complete_pickle_ending_before_the_payload_is_an_exempt_truncation()
    {
        byte[] data = new PickleWriter().Proto(2).Op('N').Op('.').Raw(PickleWriter.Payload("oracle")).ToArray();

        Assert.True(TruncationOracle.IsCompleteBenignPrefix(data, 4, firstPayloadOffset: 4));
        Assert.False(TruncationOracle.IsCompleteBenignPrefix(data, 3, firstPayloadOffset: 4));
        Assert.False(TruncationOracle.IsCompleteBenignPrefix(data, 4, firstPayloadOffset: 0));
    }

    [Fact]
    public void Same_seed_and_index_give_the_same_input_on_a_fresh_campaign()
    {
        var corpus = fixture.Corpus;
        var first = new FuzzCampaign(corpus, MutatorSet.Default(), new CampaignOptions { Seed = 7 });
        var second = new FuzzCampaign(corpus, MutatorSet.Default(), new CampaignOptions { Seed = 7 });

        foreach (long index in new long[] { 0, 1, 999, 123_456 })
        {
            FuzzInput a = first.MakeInput(index), b = second.MakeInput(index);
            Assert.Equal(a.Data, b.Data);
            Assert.Equal(a.Description, b.Description);
        }

        var otherSeed = new FuzzCampaign(corpus, MutatorSet.Default(), new CampaignOptions { Seed = 8 });
        Assert.Contains(Enumerable.Range(0, 10), i => !first.MakeInput(i).Data.SequenceEqual(otherSeed.MakeInput(i).Data));
    }
}
