using System.Linq;
using PickleBuildGuard.Fuzzing.Campaign;
using PickleBuildGuard.Fuzzing.Mutation;
using Xunit;

namespace PickleBuildGuard.Fuzzing.Tests;

/// <summary>
/// The CI campaign: a fixed number of inputs per mutator, seed 1, every invariant checked on each (no exception, no
/// PBG0008, no hang, bounded allocation, a consistent result, truncated payloads never clean, intact payloads still
/// dangerous). Deterministic: a failure names the input index, replayed with
/// <c>dotnet run --project tests/PickleBuildGuard.Fuzzing -c Release -- --seed 1 --mutators NAME --first-index I --inputs 1</c>.
/// </summary>
[Collection(CorpusCollection.Name)]
[Trait("Category", "Fuzz")]
public sealed class ShortCampaignTests
{
    /// <summary>Inputs per mutator: about 25 s of scanning in all on a 2-CPU machine.</summary>
    private const int InputsPerMutator = 700;

    private readonly CorpusFixture fixture;

    public ShortCampaignTests(CorpusFixture fixture) => this.fixture = fixture;

    public static TheoryData<string> FixtureMutators()
    {
        var names = new TheoryData<string>();
        foreach (var mutator in MutatorSet.Default().Mutators.Where(m => m.Name != "generate"))
        {
            names.Add(mutator.Name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(FixtureMutators))]
    public void Mutated_fixtures_keep_every_invariant(string mutator)
    {
        var options = new CampaignOptions { Seed = 1, Inputs = InputsPerMutator };
        CampaignResult result = new FuzzCampaign(fixture.Corpus, MutatorSet.Default().Only(new[] { mutator }), options).Run();

        Assert.Equal(InputsPerMutator, result.InputsRun);
        Assert.True(result.FailureCount == 0, result.Summary());
    }
}
