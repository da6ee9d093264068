using System;
using System.Collections.Generic;
using System.Globalization;

namespace DiffOpt.Generators.Transforms;

/// <summary>Hands out local names that collide with nothing already in the method.</summary>
internal sealed class NameScope
{
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    public NameScope(IEnumerable<string> reserved)
    {
        foreach (var name in reserved)
        {
            used.Add(name);
        }
    }

    /// <summary>Returns <paramref name="preferred"/> if free, else <c>preferred2</c>, <c>preferred3</c>, …</summary>
    public string Fresh(string preferred)
    {
        if (used.Add(preferred))
        {
            return preferred;
        }

        for (var i = 2; ; i++)
        {
            var candidate = preferred + i.ToString(CultureInfo.InvariantCulture);
            if (used.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>Returns a numbered name (<c>sin1</c>, <c>sin2</c>, …) for compiler temporaries.</summary>
    public string Numbered(string prefix)
    {
        for (var i = 1; ; i++)
        {
            var candidate = prefix + i.ToString(CultureInfo.InvariantCulture);
            if (used.Add(candidate))
            {
                return candidate;
            }
        }
    }

    public void Reserve(string name) => used.Add(name);
}
