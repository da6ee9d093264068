using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Kernels;
using DiffOpt.Generators.Model;
using DiffOpt.Generators.Transforms;

namespace DiffOpt.Generators.Emit;

/// <summary>
/// Lowers a <c>[Kernel(nameof(F))]</c> declaration to ILGPU kernels, one item per thread (JAX's <c>vmap</c>), and
/// host-side launchers: <c>ValueKernel</c> (F), <c>GradientKernel</c> (reverse mode: the per-item gradient, or for a
/// map-reduce the per-item gradient of the shared inputs, summed afterwards by <c>DiffOpt.Ilgpu.BatchReduction</c>)
/// and <c>JvpKernel</c> (forward mode). The derivative code is the IR the CPU code is made from —
/// <see cref="ReverseModeTransform"/> and <see cref="ForwardModeTransform"/> on the same prepared primal — written by
/// <see cref="IlgpuKernelWriter"/> instead of the span-based statement writer.
/// </summary>
internal static class IlgpuKernelEmitter
{
    private const string View = "global::ILGPU.ArrayView<";
    private const string Device = "global::DiffOpt.Ilgpu.IlgpuDevice";
    private const string Launch = "global::DiffOpt.Ilgpu.KernelLaunch";

    public static string Emit(KernelModel model) => SourceFileWriter.Write(model.Type, writer =>
    {
        var plan = new Plan(model);
        WriteKernel(writer, plan, KernelKind.Value);
        writer.Line();
        WriteKernel(writer, plan, KernelKind.Gradient);
        writer.Line();
        WriteKernel(writer, plan, KernelKind.Jvp);
        writer.Line();
        WriteValueLauncher(writer, plan);
        writer.Line();
        if (plan.IsMapReduce)
        {
            WriteSumGradientLauncher(writer, plan);
        }
        else
        {
            WriteGradientLauncher(writer, plan);
        }

        writer.Line();
        WriteJvpLauncher(writer, plan);
    });

    private enum KernelKind
    {
        Value,
        Gradient,
        Jvp,
    }

    /// <summary>One parameter of the primal and the names it gets in the kernels and launchers.</summary>
    private sealed record Input(IrParameter Parameter, KernelLayout Layout, string ElementType, string LauncherName, string KernelView, string KernelLength, bool IsDifferentiated, string DerivativeName, string KernelDerivativeView, string KernelTangentLocal)
    {
        public bool IsVector => Layout is KernelLayout.ItemVector or KernelLayout.SharedVector;

        public bool IsShared => Layout is KernelLayout.SharedScalar or KernelLayout.SharedVector;
    }

    /// <summary>Names and layouts chosen once, so that kernels and launchers agree and nothing collides with the primal's names.</summary>
    private sealed class Plan
    {
        public Plan(KernelModel model)
        {
            Model = model;
            var primal = model.Primal;
            var shared = new HashSet<string>(model.Shared);
            IsMapReduce = shared.Count > 0;
            var differentiated = new HashSet<string>(KernelSupport.DifferentiatedInputs(primal, shared).Select(p => p.Name));
            var scope = new NameScope(IrRewriter.AllNames(primal).Append("global").Append("ILGPU").Append("DiffOpt").Append("System"));
            Index = scope.Fresh("index");
            Item = scope.Fresh("item");
            Batch = scope.Fresh("batch");
            DeviceName = scope.Fresh("device");
            ValueName = scope.Fresh("value");
            ResultTangent = scope.Fresh("dResult");
            KernelValue = scope.Fresh("valueView");
            KernelResultTangent = scope.Fresh("dResultView");
            Scratch = scope.Fresh("scratch");
            Sums = scope.Fresh("sums");
            Kernel = scope.Fresh("kernel");
            ValueType = primal.ReturnsSinglePrecision ? "float" : "double";
            foreach (var p in primal.Parameters)
            {
                var layout = KernelSupport.LayoutOf(p, shared)!.Value;
                var element = p.IsSinglePrecision ? "float" : "double";
                var derivative = scope.Fresh("d" + (p.Name.Length == 1 ? p.Name : char.ToUpperInvariant(p.Name[0]) + p.Name.Substring(1)));
                Inputs.Add(new Input(
                    p,
                    layout,
                    element,
                    p.Name,
                    layout == KernelLayout.Uniform ? p.Name : scope.Fresh(p.Name + "View"),
                    layout is KernelLayout.ItemVector or KernelLayout.SharedVector ? scope.Fresh(p.Name + "Length") : "1",
                    differentiated.Contains(p.Name),
                    derivative,
                    scope.Fresh(derivative + "View"),
                    scope.Fresh(derivative + "Item")));
            }

            Names = scope;
        }

        public KernelModel Model { get; }

        public bool IsMapReduce { get; }

        public List<Input> Inputs { get; } = new();

        public IEnumerable<Input> Differentiated => Inputs.Where(i => i.IsDifferentiated);

        public NameScope Names { get; }

        public string Index { get; }

        public string Item { get; }

        public string Batch { get; }

        public string DeviceName { get; }

        public string ValueName { get; }

        public string ResultTangent { get; }

        public string KernelValue { get; }

        public string KernelResultTangent { get; }

        public string Scratch { get; }

        public string Sums { get; }

        public string Kernel { get; }

        public string ValueType { get; }

        /// <summary>Every name the kernels use besides the primal's own: reserved before preparing the primal.</summary>
        public IEnumerable<string> Reserved => new[] { Index, Item, Batch, KernelValue, KernelResultTangent, Scratch }
            .Concat(Inputs.SelectMany(i => new[] { i.KernelView, i.KernelLength, i.KernelDerivativeView, i.KernelTangentLocal }));

        /// <summary>The first row of a shared input's gradient in the map-reduce scratch view (row 0 holds the values).</summary>
        public string RowOffset(Input input)
        {
            var terms = new List<string> { "1" };
            foreach (var other in Differentiated.TakeWhile(i => i != input))
            {
                terms.Add(other.KernelLength);
            }

            return terms.Count == 1 ? "1" : "(" + string.Join(" + ", terms) + ")";
        }
    }

    private static string ViewOf(string element) => View + element + ">";

    /// <summary>The kernel's parameters after the index: batch, the inputs, then the outputs of this kind of kernel.</summary>
    private static List<(string Type, string Name)> KernelParameters(Plan plan, KernelKind kind)
    {
        var parameters = new List<(string Type, string Name)> { ("int", plan.Batch) };
        foreach (var input in plan.Inputs)
        {
            if (input.Layout == KernelLayout.Uniform)
            {
                parameters.Add((input.Parameter.Type == IrType.Bool ? "bool" : "int", input.KernelView));
                continue;
            }

            parameters.Add((ViewOf(input.ElementType), input.KernelView));
            if (input.IsVector)
            {
                parameters.Add(("int", input.KernelLength));
            }
        }

        switch (kind)
        {
            case KernelKind.Value:
                parameters.Add((ViewOf(plan.ValueType), plan.KernelValue));
                break;
            case KernelKind.Gradient when plan.IsMapReduce:
                parameters.Add((ViewOf("double"), plan.Scratch));
                break;
            case KernelKind.Gradient:
                parameters.Add((ViewOf(plan.ValueType), plan.KernelValue));
                parameters.AddRange(plan.Differentiated.Select(i => (ViewOf(i.ElementType), i.KernelDerivativeView)));
                break;
            default:
                parameters.AddRange(plan.Differentiated.Select(i => (ViewOf(i.ElementType), i.KernelDerivativeView)));
                parameters.Add((ViewOf(plan.ValueType), plan.KernelValue));
                parameters.Add((ViewOf(plan.ValueType), plan.KernelResultTangent));
                break;
        }

        return parameters;
    }

    private static string KernelName(KernelKind kind) => kind + "Kernel";

    private static void WriteKernel(IndentedWriter writer, Plan plan, KernelKind kind)
    {
        var primal = plan.Model.Primal;
        var prepared = PreparedFunction.Prepare(primal, plan.Reserved);
        var arrays = new Dictionary<string, KernelArrayAccess>();
        foreach (var input in plan.Inputs.Where(i => i.IsVector))
        {
            arrays[input.Parameter.Name] = new KernelArrayAccess(input.KernelView, input.IsShared ? KernelArrayKind.Shared : KernelArrayKind.PerItem, input.KernelLength);
        }

        var body = new List<IrStmt>();
        var epilogue = new List<string>();
        var floatSpans = new HashSet<string>();
        var item = plan.Item;
        string Store(string view, string index, string value, string elementType) => view + "[" + index + "] = " + (elementType == "float" ? "(float)" : string.Empty) + value + ";";
        string summary;
        switch (kind)
        {
            case KernelKind.Value:
                summary = "Kernel: evaluates <see cref=\"" + plan.Model.PrimalCref + "\"/> for item <c>index</c> of the batch, into <paramref name=\"" + plan.KernelValue + "\"/>.";
                body.AddRange(prepared.Body);
                epilogue.Add(Store(plan.KernelValue, item, CSharpExpressionWriter.Identifier(prepared.Result), plan.ValueType));
                break;
            case KernelKind.Gradient:
            {
                var inputs = plan.Differentiated.ToList();
                var vectorAdjoints = new Dictionary<string, string>();
                foreach (var input in inputs.Where(i => i.IsVector))
                {
                    vectorAdjoints[input.Parameter.Name] = input.KernelDerivativeView;
                    arrays[input.KernelDerivativeView] = plan.IsMapReduce
                        ? new KernelArrayAccess(plan.Scratch, KernelArrayKind.Rows, input.KernelLength, plan.RowOffset(input))
                        : new KernelArrayAccess(input.KernelDerivativeView, KernelArrayKind.PerItem, input.KernelLength);
                    body.Add(new ClearStmt(input.KernelDerivativeView));
                    if (input.ElementType == "float" && !plan.IsMapReduce)
                    {
                        floatSpans.Add(input.KernelDerivativeView);
                    }
                }

                var reverse = ReverseModeTransform.Transform(prepared, inputs.Select(i => i.Parameter.Name), vectorAdjoints, IrMath.One, skipEmptyAdjoints: false);
                body.AddRange(reverse.ForwardSweep);
                body.AddRange(reverse.ReverseSweep);
                foreach (var input in inputs.Where(i => i.IsVector))
                {
                    GradientStores.StoreOnce(body, input.KernelDerivativeView);
                }

                var valueLocal = CSharpExpressionWriter.Identifier(prepared.Result);
                if (plan.IsMapReduce)
                {
                    summary = "Kernel (map): for item <c>index</c>, the value of <see cref=\"" + plan.Model.PrimalCref + "\"/> (row 0 of <paramref name=\"" + plan.Scratch + "\"/>) and its gradient with respect to the shared inputs (the rows after it, structure of arrays), for a later sum over the batch.";
                    epilogue.Add(Store(plan.Scratch, item, valueLocal, "double"));
                    foreach (var input in inputs.Where(i => !i.IsVector))
                    {
                        epilogue.Add(Store(plan.Scratch, "(long)" + plan.RowOffset(input) + " * " + plan.Batch + " + " + item, CSharpExpressionWriter.Identifier(reverse.ScalarAdjoints[input.Parameter.Name]), "double"));
                    }
                }
                else
                {
                    summary = "Kernel: the value of <see cref=\"" + plan.Model.PrimalCref + "\"/> for item <c>index</c> and its reverse-mode gradient with respect to " + InputList(inputs) + " (structure of arrays).";
                    epilogue.Add(Store(plan.KernelValue, item, valueLocal, plan.ValueType));
                    foreach (var input in inputs.Where(i => !i.IsVector))
                    {
                        epilogue.Add(Store(input.KernelDerivativeView, item, CSharpExpressionWriter.Identifier(reverse.ScalarAdjoints[input.Parameter.Name]), input.ElementType));
                    }
                }

                break;
            }

            default:
            {
                var inputs = plan.Differentiated.ToList();
                summary = "Kernel: the value of <see cref=\"" + plan.Model.PrimalCref + "\"/> for item <c>index</c> and its forward-mode derivative along the tangents of " + InputList(inputs) + ".";
                var tangents = new Dictionary<string, string>();
                foreach (var input in inputs)
                {
                    if (input.IsVector)
                    {
                        tangents[input.Parameter.Name] = input.KernelDerivativeView;
                        arrays[input.KernelDerivativeView] = new KernelArrayAccess(input.KernelDerivativeView, input.IsShared ? KernelArrayKind.Shared : KernelArrayKind.PerItem, input.KernelLength);
                    }
                    else
                    {
                        tangents[input.Parameter.Name] = input.KernelTangentLocal;
                    }
                }

                var (forward, resultTangent) = ForwardModeTransform.Transform(prepared, tangents, emptyTangentIsZero: false);
                body.AddRange(forward);
                var tangentLocal = prepared.Names.Fresh("resultTangent");
                body.Add(new DeclareStmt(tangentLocal, IrType.Double, resultTangent));
                epilogue.Add(Store(plan.KernelValue, item, CSharpExpressionWriter.Identifier(prepared.Result), plan.ValueType));
                epilogue.Add(Store(plan.KernelResultTangent, item, tangentLocal, plan.ValueType));
                break;
            }
        }

        body = SinglePrecisionBoundaries.Apply(body, new HashSet<string>(), floatSpans);

        writer.Line("/// <summary>" + summary + " Launched by the generated launcher with one thread per item; a kernel can also be loaded directly with <c>LoadAutoGroupedStreamKernel</c>.</summary>");
        SourceFileWriter.WriteHelperAttributes(writer);
        var parameters = KernelParameters(plan, kind);
        writer.Open("public static void " + KernelName(kind) + "(global::ILGPU.Index1D " + plan.Index + ", " + string.Join(", ", parameters.Select(p => p.Type + " " + p.Name)) + ")");
        writer.Line("int " + item + " = " + plan.Index + ".X;");
        foreach (var input in plan.Inputs.Where(i => !i.IsVector && i.Layout != KernelLayout.Uniform))
        {
            writer.Line(input.ElementType + " " + CSharpExpressionWriter.Identifier(input.Parameter.Name) + " = " + input.KernelView + "[" + (input.IsShared ? "0" : item) + "];");
        }

        if (kind == KernelKind.Jvp)
        {
            foreach (var input in plan.Differentiated.Where(i => !i.IsVector))
            {
                writer.Line("double " + input.KernelTangentLocal + " = " + input.KernelDerivativeView + "[" + (input.IsShared ? "0" : item) + "];");
            }
        }

        var kernelWriter = new IlgpuKernelWriter(writer, arrays, prepared.Names, plan.Batch, item);
        kernelWriter.WriteBlock(body);
        foreach (var line in epilogue)
        {
            writer.Line(line);
        }

        writer.Close();
    }

    private static string InputList(IEnumerable<Input> inputs) =>
        string.Join(", ", inputs.Select(i => "<c>" + i.Parameter.Name + "</c>"));

    /// <summary>The launcher's parameters for the primal's inputs, and the checks and kernel arguments they give.</summary>
    private static (List<string> Parameters, List<string> Checks, List<string> Arguments) LauncherInputs(Plan plan)
    {
        var parameters = new List<string>();
        var checks = new List<string>
        {
            "global::System.ArgumentNullException.ThrowIfNull(" + plan.DeviceName + ");",
            Launch + ".CheckBatch(" + plan.Batch + ", \"" + plan.Batch + "\");",
        };
        var arguments = new List<string> { plan.Batch };
        foreach (var input in plan.Inputs)
        {
            var name = CSharpExpressionWriter.Identifier(input.LauncherName);
            if (input.Layout == KernelLayout.Uniform)
            {
                parameters.Add((input.Parameter.Type == IrType.Bool ? "bool " : "int ") + name);
                arguments.Add(name);
                continue;
            }

            parameters.Add(ViewOf(input.ElementType) + " " + name);
            arguments.Add(name);
            switch (input.Layout)
            {
                case KernelLayout.ItemScalar:
                    checks.Add(Launch + ".CheckLength(" + name + ".Length, " + plan.Batch + ", \"" + input.LauncherName + "\");");
                    break;
                case KernelLayout.SharedScalar:
                    checks.Add(Launch + ".CheckLength(" + name + ".Length, 1, \"" + input.LauncherName + "\");");
                    break;
                case KernelLayout.ItemVector:
                    checks.Add("int " + input.KernelLength + " = " + Launch + ".ItemLength(" + name + ".Length, " + plan.Batch + ", \"" + input.LauncherName + "\");");
                    arguments.Add(input.KernelLength);
                    break;
                default:
                    checks.Add("int " + input.KernelLength + " = checked((int)" + name + ".Length);");
                    arguments.Add(input.KernelLength);
                    break;
            }
        }

        return (parameters, checks, arguments);
    }

    /// <summary>The length a per-item view of this input's shape has: batch, or batch times its per-item length.</summary>
    private static string ItemViewLength(Plan plan, Input input) => input.Layout switch
    {
        KernelLayout.ItemVector => "(long)" + input.KernelLength + " * " + plan.Batch,
        KernelLayout.SharedVector => input.KernelLength,
        KernelLayout.SharedScalar => "1",
        _ => plan.Batch,
    };

    private static void WriteLauncher(IndentedWriter writer, Plan plan, string summary, string returnType, string name, IEnumerable<string> parameters, IEnumerable<string> body)
    {
        writer.Line("/// <summary>" + summary + "</summary>");
        writer.Line("/// <param name=\"" + plan.DeviceName + "\">The device the views live on; it compiles the kernel on first use.</param>");
        writer.Line("/// <param name=\"" + plan.Batch + "\">The number of items.</param>");
        writer.Line(SourceFileWriter.GeneratedCodeAttribute);
        writer.Open("public static " + returnType + " " + name + "(" + Device + " " + plan.DeviceName + ", int " + plan.Batch + ", " + string.Join(", ", parameters) + ")");
        foreach (var line in body)
        {
            writer.Line(line);
        }

        writer.Close();
    }

    private static string LoadKernel(Plan plan, KernelKind kind)
    {
        var types = "global::ILGPU.Index1D, " + string.Join(", ", KernelParameters(plan, kind).Select(p => p.Type));
        var key = plan.Model.Type.FullName + "." + KernelName(kind);
        return "var " + plan.Kernel + " = " + plan.DeviceName + ".GetKernel<global::System.Action<" + types + ">>(\"" + key + "\", static accelerator => global::ILGPU.Runtime.KernelLoaders.LoadAutoGroupedStreamKernel<" + types + ">(accelerator, " + KernelName(kind) + "));";
    }

    private static void WriteValueLauncher(IndentedWriter writer, Plan plan)
    {
        var (parameters, body, arguments) = LauncherInputs(plan);
        parameters.Add(ViewOf(plan.ValueType) + " " + plan.ValueName);
        body.Add(Launch + ".CheckLength(" + plan.ValueName + ".Length, " + plan.Batch + ", \"" + plan.ValueName + "\");");
        body.Add(LoadKernel(plan, KernelKind.Value));
        body.Add(plan.Kernel + "(" + plan.Batch + ", " + string.Join(", ", arguments.Append(plan.ValueName)) + ");");
        WriteLauncher(writer, plan, "Evaluates <see cref=\"" + plan.Model.PrimalCref + "\"/> for every item of a batch on the accelerator (asynchronously; read the results with <c>IlgpuDevice.Download</c>). Per-item spans are in structure-of-arrays layout: element j of item i at j * batch + i.", "void", "Value", parameters, body);
    }

    private static void WriteGradientLauncher(IndentedWriter writer, Plan plan)
    {
        var (parameters, body, arguments) = LauncherInputs(plan);
        parameters.Add(ViewOf(plan.ValueType) + " " + plan.ValueName);
        body.Add(Launch + ".CheckLength(" + plan.ValueName + ".Length, " + plan.Batch + ", \"" + plan.ValueName + "\");");
        arguments.Add(plan.ValueName);
        foreach (var input in plan.Differentiated)
        {
            parameters.Add(ViewOf(input.ElementType) + " " + input.DerivativeName);
            body.Add(Launch + ".CheckLength(" + input.DerivativeName + ".Length, " + ItemViewLength(plan, input) + ", \"" + input.DerivativeName + "\");");
            arguments.Add(input.DerivativeName);
        }

        body.Add(LoadKernel(plan, KernelKind.Gradient));
        body.Add(plan.Kernel + "(" + plan.Batch + ", " + string.Join(", ", arguments) + ");");
        WriteLauncher(writer, plan, "Evaluates <see cref=\"" + plan.Model.PrimalCref + "\"/> and its reverse-mode gradient for every item of a batch on the accelerator (asynchronously), writing the values and the gradients (overwriting; structure of arrays, like the inputs).", "void", "Gradient", parameters, body);
    }

    private static void WriteSumGradientLauncher(IndentedWriter writer, Plan plan)
    {
        var (parameters, body, arguments) = LauncherInputs(plan);
        var inputs = plan.Differentiated.ToList();
        foreach (var input in inputs)
        {
            if (input.IsVector)
            {
                parameters.Add("global::System.Span<double> " + input.DerivativeName);
                body.Add(Launch + ".CheckLength(" + input.DerivativeName + ".Length, " + input.KernelLength + ", \"" + input.DerivativeName + "\");");
            }
            else
            {
                parameters.Add("out double " + input.DerivativeName);
            }
        }

        var rows = "1" + string.Concat(inputs.Select(i => " + " + i.KernelLength));
        var rowsLocal = plan.Names.Fresh("rows");
        body.Add("int " + rowsLocal + " = " + rows + ";");
        body.Add("var " + plan.Scratch + " = " + plan.DeviceName + ".Scratch<double>(\"" + plan.Model.Type.FullName + ".GradientKernel\", (long)" + rowsLocal + " * " + plan.Batch + ");");
        body.Add(LoadKernel(plan, KernelKind.Gradient));
        body.Add(plan.Kernel + "(" + plan.Batch + ", " + string.Join(", ", arguments.Append(plan.Scratch)) + ");");
        body.Add("var " + plan.Sums + " = new double[" + rowsLocal + "];");
        body.Add("global::DiffOpt.Ilgpu.BatchReduction.SumRows(" + plan.DeviceName + ", " + plan.Scratch + ", " + plan.Batch + ", " + rowsLocal + ", " + plan.Sums + ");");
        var offset = "1";
        foreach (var input in inputs)
        {
            body.Add(input.IsVector
                ? "global::System.MemoryExtensions.AsSpan(" + plan.Sums + ", " + offset + ", " + input.KernelLength + ").CopyTo(" + input.DerivativeName + ");"
                : input.DerivativeName + " = " + plan.Sums + "[" + offset + "];");
            offset += " + " + input.KernelLength;
        }

        body.Add("return " + plan.Sums + "[0];");
        WriteLauncher(writer, plan, "Map-reduce over a dataset: returns Σᵢ <see cref=\"" + plan.Model.PrimalCref + "\"/> over the items of the batch and writes Σᵢ of its gradient with respect to the shared inputs " + InputList(inputs) + ", the per-item gradients computed on the accelerator and summed there in double precision (deterministic: no atomics). Waits for the result.", "double", "SumGradient", parameters, body);
    }

    private static void WriteJvpLauncher(IndentedWriter writer, Plan plan)
    {
        var (parameters, body, arguments) = LauncherInputs(plan);
        foreach (var input in plan.Differentiated)
        {
            parameters.Add(ViewOf(input.ElementType) + " " + input.DerivativeName);
            body.Add(Launch + ".CheckLength(" + input.DerivativeName + ".Length, " + ItemViewLength(plan, input) + ", \"" + input.DerivativeName + "\");");
            arguments.Add(input.DerivativeName);
        }

        parameters.Add(ViewOf(plan.ValueType) + " " + plan.ValueName);
        parameters.Add(ViewOf(plan.ValueType) + " " + plan.ResultTangent);
        body.Add(Launch + ".CheckLength(" + plan.ValueName + ".Length, " + plan.Batch + ", \"" + plan.ValueName + "\");");
        body.Add(Launch + ".CheckLength(" + plan.ResultTangent + ".Length, " + plan.Batch + ", \"" + plan.ResultTangent + "\");");
        arguments.Add(plan.ValueName);
        arguments.Add(plan.ResultTangent);
        body.Add(LoadKernel(plan, KernelKind.Jvp));
        body.Add(plan.Kernel + "(" + plan.Batch + ", " + string.Join(", ", arguments) + ");");
        WriteLauncher(writer, plan, "Evaluates <see cref=\"" + plan.Model.PrimalCref + "\"/> and its forward-mode derivative along the given tangents (laid out like their inputs) for every item of a batch on the accelerator (asynchronously).", "void", "Jvp", parameters, body);
    }
}
