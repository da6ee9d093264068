namespace DiffOpt.GradBench.Modules;

/// <summary>An evaluate message's function or input cannot be handled; the response is <c>success: false</c> with this message.</summary>
internal sealed class GradBenchInputException : Exception
{
    /// <summary>Creates the exception with the message the eval will see.</summary>
    public GradBenchInputException(string message)
        : base(message)
    {
    }

    /// <summary>The error for a function the module does not have, listing the ones it has.</summary>
    public static GradBenchInputException UnknownFunction(string module, string function, params string[] known) =>
        new($"module '{module}' has no function '{function}' (it has: {string.Join(", ", known)})");
}
