using System.Linq;
using PickleBuildGuard.Fuzzing.Corpus;
using PickleBuildGuard.Fuzzing.Generation;
using PickleBuildGuard.Fuzzing.Oracles;

namespace PickleBuildGuard.Fuzzing.Mutation;

/// <summary>
/// Draws a case of the hostile-input catalogue (bombs, floods, nestings, 100,000 entries): half of the time as built,
/// with its expected verdict, half of the time with a few bytes changed. Expensive cases (seconds to build or scan)
/// are drawn one time in 200.
/// </summary>
public sealed class HostileInputMutator : IMutator
{
    private readonly HostileCase[] cheap = HostileInputs.All.Where(c => !c.Expensive).ToArray();
    private readonly HostileCase[] expensive = HostileInputs.All.Where(c => c.Expensive).ToArray();

    public string Name => "generate";

    public FuzzInput? Mutate(SeedCorpus corpus, FuzzRandom random)
    {
        FuzzInput built = (random.Chance(1.0 / 200) ? random.Pick(expensive) : random.Pick(cheap)).Build();
        if (random.Chance(0.5) || built.Data.Length == 0)
        {
            return built;
        }

        // The cached input is shared: change a copy.
        var data = (byte[])built.Data.Clone();
        int edits = random.Between(1, 4);
        string description = built.Description + "; then";
        for (int i = 0; i < edits; i++)
        {
            int at = random.Chance(0.5) ? random.Below(System.Math.Min(data.Length, 64)) : random.Below(data.Length);
            data[at] = random.NextByte();
            description += $" @{at}=0x{data[at]:x2}";
        }

        return new FuzzInput(data, Name, built.Origin + "+flips", description, Expectation.Any);
    }
}
