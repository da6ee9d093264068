namespace DiffOpt.Analyzers.Tests.Infrastructure;

/// <summary>Wraps test members in the usual file: usings and a static partial class.</summary>
internal static class Sources
{
    public static string InStaticClass(string members) => $$"""
        using System;
        using DiffOpt;

        public static partial class Model
        {
        {{members}}
        }
        """;
}
