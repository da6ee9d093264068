using Microsoft.CodeAnalysis;

namespace DiffOpt.Generators.Diagnostics;

/// <summary>
/// Every diagnostic DiffOpt reports. IDs are stable and tracked in AnalyzerReleases.*.md; each has a help page
/// at docs/diagnostics/ID.md with a bad and a good example.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "DiffOpt";
    private const string HelpLinkBase = "https://github.com/diffopt/diffopt/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor UnsupportedConstruct = Error(
        "DOPT0001",
        "Construct not supported in a differentiable method",
        "{0} is not supported in a [Differentiable] method: {1}");

    public static readonly DiagnosticDescriptor UnsupportedType = Error(
        "DOPT0002",
        "Type not supported in a differentiable method",
        "{0} has type '{1}', which a [Differentiable] method cannot use: {2}");

    public static readonly DiagnosticDescriptor CallWithoutDerivative = Error(
        "DOPT0003",
        "Call to a method without a derivative",
        "'{0}' has no derivative: {1}");

    public static readonly DiagnosticDescriptor UnknownTarget = Error(
        "DOPT0004",
        "Derivative target not found",
        "'{0}' names no method of '{1}': {2}");

    public static readonly DiagnosticDescriptor TargetNotDifferentiable = Error(
        "DOPT0005",
        "Derivative target is not differentiable",
        "'{0}' is not marked [Differentiable]: add the attribute to it so its derivatives can be generated");

    public static readonly DiagnosticDescriptor DerivativeNotPartial = Error(
        "DOPT0006",
        "Derivative declaration must be a partial method without a body",
        "'{0}' must be declared 'partial' without a body: the generator implements it");

    public static readonly DiagnosticDescriptor PrimalParameterMismatch = Error(
        "DOPT0007",
        "Derivative declaration does not repeat the primal's parameters",
        "{0}");

    public static readonly DiagnosticDescriptor DerivativeParameterMismatch = Error(
        "DOPT0008",
        "Derivative parameter does not match its input",
        "{0}");

    public static readonly DiagnosticDescriptor ReturnTypeMismatch = Error(
        "DOPT0009",
        "Derivative declaration has the wrong return type",
        "{0}");

    public static readonly DiagnosticDescriptor StaticMismatch = Error(
        "DOPT0010",
        "Derivative declaration and primal differ in static-ness",
        "'{0}' must be {1} because '{2}' is {1}");

    public static readonly DiagnosticDescriptor TypeNotPartial = Error(
        "DOPT0011",
        "Type containing a differentiable method must be partial",
        "'{0}' must be declared 'partial' (with every containing type) so DiffOpt can add the derivatives of '{1}' to it");

    public static readonly DiagnosticDescriptor DerivativeCanBeDeclared = new(
        "DOPT0012",
        "Derivatives of this method can be generated",
        "Derivatives of '{0}' can be generated: add a derivative declaration ([Gradient], [Jvp], [Vjp] or [Hvp])",
        Category,
        DiagnosticSeverity.Hidden,
        isEnabledByDefault: true,
        description: "Offers code fixes that insert a correct gradient or JVP declaration.",
        helpLinkUri: HelpLinkBase + "DOPT0012.md");

    // [Optimize] and [ImplicitDiff] declarations (issue 5): checked by Signatures/SolverDeclarationRules.

    public static readonly DiagnosticDescriptor SolverTargetNotDifferentiable = Error(
        "DOPT0013",
        "Objective or condition is not a differentiable method",
        "{0}");

    public static readonly DiagnosticDescriptor SolverSignatureMismatch = Error(
        "DOPT0014",
        "Solver declaration does not match its objective or condition",
        "{0}");

    public static readonly DiagnosticDescriptor UnsupportedSolverType = Error(
        "DOPT0015",
        "Type not supported in a solver declaration",
        "{0}");

    public static readonly DiagnosticDescriptor ImplicitDiffWithoutCondition = Error(
        "DOPT0016",
        "[ImplicitDiff] needs a named optimality condition",
        "{0}");

    public static readonly DiagnosticDescriptor ConstraintOperatorMismatch = Error(
        "DOPT0017",
        "Projection or proximal operator not found or of the wrong shape",
        "{0}");

    public static readonly DiagnosticDescriptor SolverNotPartial = Error(
        "DOPT0018",
        "[Optimize] solver must be a partial method without a body",
        "'{0}' must be declared 'partial' without a body: the generator implements the solver");

    public static readonly DiagnosticDescriptor ConflictingSolverOptions = Error(
        "DOPT0019",
        "Conflicting or invalid solver options",
        "{0}");
    // ILGPU kernels ([Kernel]): DOPT0020–DOPT0024.
    public static readonly DiagnosticDescriptor KernelRuntimeSizedArray = Error(
        "DOPT0020",
        "Local array of run-time size in a kernel",
        "'{0}' cannot become an ILGPU kernel: the local array '{1}' has a length known only at run time; {2}");

    public static readonly DiagnosticDescriptor KernelLoopNeedsTape = Error(
        "DOPT0021",
        "Loop needs the reverse-mode tape in a kernel",
        "'{0}' cannot become an ILGPU kernel: {1}");

    public static readonly DiagnosticDescriptor KernelCallWithoutKernelForm = Error(
        "DOPT0022",
        "Call without a kernel form",
        "'{0}' cannot become an ILGPU kernel: '{1}' has no kernel form: {2}");

    public static readonly DiagnosticDescriptor KernelUnsupportedParameter = Error(
        "DOPT0023",
        "Parameter type not supported in a kernel",
        "'{0}' cannot become an ILGPU kernel: '{1}': {2}");

    public static readonly DiagnosticDescriptor KernelInvalidDeclaration = Error(
        "DOPT0024",
        "Invalid kernel declaration",
        "[Kernel] on '{0}': {1}");
    // TorchSharp interop ([TorchFunction]): DOPT0025–DOPT0029.
    public static readonly DiagnosticDescriptor TorchFunctionTargetNotFound = Error(
        "DOPT0025",
        "TorchFunction target not found or not differentiable",
        "'{0}' names no static [Differentiable] method of '{1}': {2}");

    public static readonly DiagnosticDescriptor TorchFunctionSignatureMismatch = Error(
        "DOPT0026",
        "TorchFunction declaration does not match its target",
        "{0}");

    public static readonly DiagnosticDescriptor TorchNotElementwise = Error(
        "DOPT0027",
        "Construct cannot be lowered to elementwise tensor operations",
        "{0} cannot be lowered to elementwise tensor operations for [TorchFunction] '{1}': {2}");

    public static readonly DiagnosticDescriptor TorchCallWithoutTensorForm = Error(
        "DOPT0028",
        "Call has no tensor form",
        "'{0}' has no tensor form, so [TorchFunction] '{1}' cannot lower it elementwise: {2}");

    public static readonly DiagnosticDescriptor TorchUnsupportedParameter = Error(
        "DOPT0029",
        "Parameter cannot cross the TorchSharp boundary",
        "Parameter '{0}' of type '{1}' cannot be passed from TorchSharp by [TorchFunction] '{2}': {3}");

    private static DiagnosticDescriptor Error(string id, string title, string message) => new(
        id,
        title,
        message,
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpLinkBase + id + ".md");
}
