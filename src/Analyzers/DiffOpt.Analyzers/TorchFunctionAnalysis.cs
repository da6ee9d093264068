using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Signatures;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DiffOpt.Analyzers;

/// <summary>
/// The <c>[TorchFunction]</c> checks of <see cref="DiffOptAnalyzer"/>: binding the declaration to its target
/// (DOPT0025, DOPT0026, DOPT0029) and, for the elementwise form, what in the target's body has no tensor form
/// (DOPT0027, DOPT0028), reported on the exact syntax.
/// </summary>
internal static class TorchFunctionAnalysis
{
    public static void Analyze(SyntaxNodeAnalysisContext context, IMethodSymbol method)
    {
        if (method.PartialDefinitionPart is not null)
        {
            return;
        }

        foreach (var attribute in method.GetAttributes().Where(TorchFunctionBinder.IsTorchFunctionAttribute))
        {
            var binding = TorchFunctionBinder.Bind(method, attribute, context.CancellationToken);
            var reported = new HashSet<(string, Location)>();
            foreach (var diagnostic in binding.Diagnostics)
            {
                if (reported.Add((diagnostic.Id, diagnostic.Location)))
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }

            if (binding.IsValid && binding.Form == TorchLoweringForm.Elementwise)
            {
                foreach (var diagnostic in TorchElementwiseChecker.Check(binding.Target!, method.Name, context.SemanticModel.Compilation, context.CancellationToken))
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }
    }
}
