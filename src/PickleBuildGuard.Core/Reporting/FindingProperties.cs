using PickleBuildGuard.Json;

namespace PickleBuildGuard.Reporting;

/// <summary>The optional fields of a finding, written the same way in JSON reports and in SARIF result properties.</summary>
internal static class FindingProperties
{
    /// <summary>Absent rather than null: a bare file has no member, a container-level finding no offset.</summary>
    public static JsonWriter WriteOptional(JsonWriter json, Finding finding)
    {
        if (finding.Callable is not null)
        {
            json.Property("callable", finding.Callable);
        }

        if (finding.Member is not null)
        {
            json.Property("member", finding.Member);
        }

        if (finding.Offset is long offset)
        {
            json.Property("offset", offset);
        }

        if (finding.Occurrences > 1)
        {
            json.Property("occurrences", finding.Occurrences);
        }

        return json;
    }
}
