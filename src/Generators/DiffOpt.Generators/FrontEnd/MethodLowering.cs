using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DiffOpt.Generators.Diagnostics;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DiffOpt.Generators.FrontEnd;

/// <summary>
/// The front end: lowers the body of a <c>[Differentiable]</c> method to the IR, or reports, on the exact
/// syntax, each construct outside the supported subset. The generator and the analyzers both run it, so what
/// the IDE reports is exactly what the generator refuses.
/// </summary>
internal sealed partial class MethodLowering
{
    private readonly IMethodSymbol method;
    private readonly SemanticModel model;
    private readonly CancellationToken cancellationToken;
    private readonly ImmutableArray<Diagnostic>.Builder diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();

    // C# allows sibling scopes to reuse a local's name; the IR has one flat namespace, so each declaration
    // gets a unique IR name.
    private readonly Dictionary<ISymbol, string> irNames = new(SymbolEqualityComparer.Default);
    private readonly HashSet<string> usedNames = new(StringComparer.Ordinal);
    private int loopDepth;
    private readonly Dictionary<IMethodSymbol, bool> checkedCallees;

    // What an expression lowers to after its error was reported: later checks stay quiet about it.
    private static readonly ConstExpr ErrorValue = new(0, IrType.Double);

    // Symbols already reported (a ref parameter, a local of an unsupported type): reads of them say nothing more.
    private readonly HashSet<ISymbol> reported = new(SymbolEqualityComparer.Default);
    private IrType returnType = IrType.Double;
    private readonly HashSet<string> outputParameters = new(StringComparer.Ordinal);
    private int nestingDepth;
    private readonly HashSet<string> localArrays = new(StringComparer.Ordinal);

    private MethodLowering(IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken, Dictionary<IMethodSymbol, bool>? checkedCallees = null)
    {
        this.checkedCallees = checkedCallees ?? new Dictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        this.method = method;
        this.model = model;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>Lowers <paramref name="method"/>, whose declaration must be in <paramref name="model"/>'s tree.</summary>
    public static LoweringResult Lower(IMethodSymbol method, MethodDeclarationSyntax syntax, SemanticModel model, CancellationToken cancellationToken)
    {
        // The body binds to the implementation part's parameters (a [Differentiable] partial method).
        method = method.PartialImplementationPart ?? method;
        var lowering = new MethodLowering(method, model, cancellationToken);
        lowering.checkedCallees[method] = true;
        IrFunction? function = null;
        try
        {
            function = lowering.LowerMethod(syntax);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            // The front end must never take the compiler down; an internal failure is a diagnostic.
            lowering.Report(DiagnosticDescriptors.UnsupportedConstruct, syntax.Identifier.GetLocation(), "This method", "the DiffOpt front end failed (" + exception.GetType().Name + ": " + exception.Message + "); please report it");
            function = null;
        }

        var all = lowering.diagnostics.ToImmutable();
        return new LoweringResult(all.Any(d => d.Severity == DiagnosticSeverity.Error) ? null : function, all);
    }

    /// <summary>Finds the syntax that holds the body of <paramref name="method"/> (the implementation part of a partial method).</summary>
    public static MethodDeclarationSyntax? FindBodySyntax(IMethodSymbol method, CancellationToken cancellationToken)
    {
        var target = method.PartialImplementationPart ?? method;
        foreach (var reference in target.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration && (declaration.Body is not null || declaration.ExpressionBody is not null))
            {
                return declaration;
            }
        }

        return null;
    }

    /// <summary>Whether a method carries <c>[Differentiable]</c>.</summary>
    public static bool IsDifferentiable(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.DifferentiableAttribute);

    /// <summary>Whether a method of the same type is marked <c>[DerivativeOf(nameof(method))]</c>.</summary>
    public static bool HasCustomDerivative(IMethodSymbol method) =>
        method.ContainingType is { } type && type.GetMembers().OfType<IMethodSymbol>().Any(m => m.GetAttributes().Any(a =>
            a.AttributeClass?.ToDisplayString() == KnownNames.DerivativeOfAttribute
            && a.ConstructorArguments.Length == 1
            && a.ConstructorArguments[0].Value as string == method.Name));

    /// <summary>Whether a method is a <c>[Gradient]</c> declaration (callable as a vector-valued function of its inputs).</summary>
    public static bool IsGradientDeclaration(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.GradientAttribute);

    /// <summary>
    /// Whether differentiable code may call a method: it is <c>[Differentiable]</c>, has a custom derivative, or is a
    /// <c>[Gradient]</c> declaration (whose derivative is the Hessian: unrolled optimisation, nested differentiation).
    /// </summary>
    public static bool IsCallable(IMethodSymbol method) => IsDifferentiable(method) || HasCustomDerivative(method) || IsGradientDeclaration(method);

    private IrFunction? LowerMethod(MethodDeclarationSyntax syntax)
    {
        var parameters = new List<IrParameter>();
        foreach (var parameter in method.Parameters)
        {
            var location = parameter.Locations.FirstOrDefault() ?? syntax.Identifier.GetLocation();
            if (parameter.RefKind != RefKind.None)
            {
                Report(DiagnosticDescriptors.UnsupportedConstruct, location, "A '" + parameter.RefKind.ToString().ToLowerInvariant() + "' parameter", "parameters are passed by value; write vector results into a Span<double> output");
                reported.Add(parameter);
                continue;
            }

            if (!TypeMapping.TryMapParameter(parameter, out var irParameter))
            {
                Report(DiagnosticDescriptors.UnsupportedType, location, "Parameter '" + parameter.Name + "'", parameter.Type.ToDisplayString(), TypeMapping.SupportedParameterTypes);
                reported.Add(parameter);
                continue;
            }

            parameters.Add(irParameter);
            var parameterName = Name(parameter, parameter.Name);
            if (irParameter.IsOutput)
            {
                outputParameters.Add(parameterName);
            }
        }

        if (method.IsGenericMethod)
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, syntax.TypeParameterList?.GetLocation() ?? syntax.Identifier.GetLocation(), "A generic method", "differentiable methods work on double; remove the type parameters");
        }

        var hasOutputs = parameters.Any(p => p.IsOutput);
        var returnType = IrType.Double;
        if (method.ReturnsVoid && hasOutputs)
        {
            returnType = IrType.Void;
        }
        else if (!TypeMapping.IsDouble(method.ReturnType))
        {
            Report(DiagnosticDescriptors.UnsupportedType, syntax.ReturnType.GetLocation(), "The return value", method.ReturnType.ToDisplayString(),
                method.ReturnsVoid ? "a void differentiable method writes its results into Span<double> parameters, and this one has none" : "a differentiable method returns double, or is void and writes Span<double> outputs");
        }
        else if (hasOutputs)
        {
            var output = method.Parameters.First(p => TypeMapping.IsSpanOfDouble(p.Type, "Span"));
            Report(DiagnosticDescriptors.UnsupportedConstruct, output.Locations.FirstOrDefault() ?? syntax.Identifier.GetLocation(), "A Span<double> output in a method that returns a value", "make the method void and write every result into its output spans");
        }

        this.returnType = returnType;

        if (method.IsAsync || method.IsExtern)
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, syntax.Identifier.GetLocation(), method.IsAsync ? "An async method" : "An extern method", "the body must be ordinary C# the generator can read");
        }

        var body = new List<IrStmt>();
        if (syntax.ExpressionBody is { } arrow)
        {
            if (returnType == IrType.Void)
            {
                LowerExpressionStatement(arrow.Expression, body);
            }
            else
            {
                body.Add(new ReturnStmt(LowerAs(arrow.Expression, IrType.Double)));
            }
        }
        else if (syntax.Body is { } block)
        {
            LowerStatements(block.Statements, body);
        }
        else if (!method.IsExtern)
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, syntax.Identifier.GetLocation(), "A method without a body", "the generator differentiates the body it can read");
        }

        return new IrFunction(method.Name, parameters.ToEquatableArray(), returnType, body.ToEquatableArray(), TypeMapping.IsSinglePrecision(method.ReturnType));
    }

    private void LowerStatements(SyntaxList<StatementSyntax> statements, List<IrStmt> output)
    {
        foreach (var statement in statements)
        {
            LowerStatement(statement, output);
        }
    }

    private void LowerStatement(StatementSyntax statement, List<IrStmt> output)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (statement)
        {
            case BlockSyntax block:
                LowerStatements(block.Statements, output);
                break;

            case EmptyStatementSyntax:
                break;

            case LocalDeclarationStatementSyntax declaration:
                LowerDeclaration(declaration, output);
                break;

            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }:
                LowerAssignment(assignment, output);
                break;

            case ExpressionStatementSyntax { Expression: PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax } increment:
                LowerIncrement(increment.Expression, output);
                break;

            case IfStatementSyntax ifStatement:
            {
                var condition = LowerAs(ifStatement.Condition, IrType.Bool);
                var then = new List<IrStmt>();
                nestingDepth++;
                LowerStatement(ifStatement.Statement, then);
                var otherwise = new List<IrStmt>();
                if (ifStatement.Else is { } elseClause)
                {
                    LowerStatement(elseClause.Statement, otherwise);
                }

                nestingDepth--;

                output.Add(new IfStmt(condition, then.ToEquatableArray(), otherwise.ToEquatableArray()));
                break;
            }

            case ReturnStatementSyntax returnStatement:
                if (returnStatement.Expression is null)
                {
                    output.Add(new ReturnStmt(null));
                    break;
                }

                output.Add(new ReturnStmt(LowerAs(returnStatement.Expression, IrType.Double)));
                break;

            case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax invocation }:
                LowerCallStatement(invocation, output);
                break;

            case ForStatementSyntax forStatement:
                LowerFor(forStatement, output);
                break;

            case WhileStatementSyntax whileStatement:
            {
                var condition = LowerAs(whileStatement.Condition, IrType.Bool);
                var body = new List<IrStmt>();
                loopDepth++;
        nestingDepth++;
                LowerStatement(whileStatement.Statement, body);
                loopDepth--;
        nestingDepth--;
                output.Add(new LoopStmt(condition, body.ToEquatableArray(), EquatableArray<IrStmt>.Empty));
                break;
            }

            case DoStatementSyntax doStatement:
            {
                // do { B } while (c)  ≡  first = true; while (first || c) { first = false; B }
                var first = FreshName("firstIteration");
                output.Add(new DeclareStmt(first, IrType.Bool, new ConstExpr(1, IrType.Bool)));
                var condition = LowerAs(doStatement.Condition, IrType.Bool);
                var body = new List<IrStmt> { new AssignStmt(first, new ConstExpr(0, IrType.Bool)) };
                loopDepth++;
        nestingDepth++;
                LowerStatement(doStatement.Statement, body);
                loopDepth--;
        nestingDepth--;
                var loopCondition = new BinaryExpr(BinaryOp.Or, new VarExpr(first, IrType.Bool), condition, IrType.Bool);
                output.Add(new LoopStmt(loopCondition, body.ToEquatableArray(), EquatableArray<IrStmt>.Empty));
                break;
            }

            case BreakStatementSyntax:
                if (loopDepth == 0)
                {
                    Report(DiagnosticDescriptors.UnsupportedConstruct, statement.GetLocation(), "'break' outside a loop", "use if/else");
                }

                output.Add(new BreakStmt());
                break;

            case ContinueStatementSyntax:
                output.Add(new ContinueStmt());
                break;

            case ForEachStatementSyntax forEach:
                Report(DiagnosticDescriptors.UnsupportedConstruct, LeadingKeyword(statement), "'foreach'", "iterate with an index: for (int i = 0; i < " + forEach.Expression + ".Length; i++)");
                break;

            case TryStatementSyntax:
                Report(DiagnosticDescriptors.UnsupportedConstruct, LeadingKeyword(statement), "'try'", "exceptions cannot be differentiated; validate inputs before calling the differentiable method");
                break;

            case ThrowStatementSyntax:
                Report(DiagnosticDescriptors.UnsupportedConstruct, statement.GetLocation(), "'throw'", "exceptions cannot be differentiated; validate inputs before calling the differentiable method");
                break;

            case GotoStatementSyntax:
                Report(DiagnosticDescriptors.UnsupportedConstruct, statement.GetLocation(), "'goto'", "only structured control flow can be differentiated; use loops with break/continue");
                break;

            case LabeledStatementSyntax labeled:
                Report(DiagnosticDescriptors.UnsupportedConstruct, Location.Create(labeled.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(labeled.Identifier.SpanStart, labeled.ColonToken.Span.End)), "A label", "only structured control flow can be differentiated; use loops with break/continue");
                LowerStatement(labeled.Statement, output);
                break;

            case SwitchStatementSyntax:
                Report(DiagnosticDescriptors.UnsupportedConstruct, LeadingKeyword(statement), "'switch'", "use if/else");
                break;

            case UnsafeStatementSyntax or FixedStatementSyntax:
                Report(DiagnosticDescriptors.UnsupportedConstruct, LeadingKeyword(statement), "Unsafe code", "pointers cannot be differentiated");
                break;

            case LocalFunctionStatementSyntax localFunction:
                Report(DiagnosticDescriptors.UnsupportedConstruct, localFunction.Identifier.GetLocation(), "A local function", "move it to a [Differentiable] method of the type");
                break;

            default:
                Report(DiagnosticDescriptors.UnsupportedConstruct, statement.GetLocation(), "This statement (" + Describe(statement) + ")", "supported statements are declarations, assignments, calls of differentiable void methods, if/else, for/while/do, break, continue and return");
                break;
        }
    }

    private static Location LeadingKeyword(StatementSyntax statement) => statement.GetFirstToken().GetLocation();

    private void LowerFor(ForStatementSyntax forStatement, List<IrStmt> output)
    {
        if (forStatement.Declaration is { } declaration)
        {
            LowerVariables(declaration, output);
        }

        foreach (var initializer in forStatement.Initializers)
        {
            LowerExpressionStatement(initializer, output);
        }

        var condition = forStatement.Condition is null ? new ConstExpr(1, IrType.Bool) : LowerAs(forStatement.Condition, IrType.Bool);
        var body = new List<IrStmt>();
        loopDepth++;
        nestingDepth++;
        LowerStatement(forStatement.Statement, body);
        loopDepth--;
        nestingDepth--;
        var step = new List<IrStmt>();
        foreach (var incrementor in forStatement.Incrementors)
        {
            LowerExpressionStatement(incrementor, step);
        }

        output.Add(new LoopStmt(condition, body.ToEquatableArray(), step.ToEquatableArray()));
    }

    private void LowerExpressionStatement(ExpressionSyntax expression, List<IrStmt> output)
    {
        switch (expression)
        {
            case AssignmentExpressionSyntax assignment:
                LowerAssignment(assignment, output);
                break;
            case PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax:
                LowerIncrement(expression, output);
                break;
            case InvocationExpressionSyntax invocation:
                LowerCallStatement(invocation, output);
                break;
            default:
                Report(DiagnosticDescriptors.UnsupportedConstruct, expression.GetLocation(), "This expression statement", "only assignments and ++/-- can stand alone");
                break;
        }
    }

    private void LowerDeclaration(LocalDeclarationStatementSyntax declaration, List<IrStmt> output)
    {
        if (declaration.UsingKeyword != default)
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, declaration.GetLocation(), "A 'using' declaration", "resources cannot be differentiated");
            return;
        }

        LowerVariables(declaration.Declaration, output);
    }

    private void LowerVariables(VariableDeclarationSyntax declaration, List<IrStmt> output)
    {
        foreach (var variable in declaration.Variables)
        {
            if (model.GetDeclaredSymbol(variable, cancellationToken) is not ILocalSymbol local)
            {
                continue;
            }

            if (local.IsRef)
            {
                Report(DiagnosticDescriptors.UnsupportedConstruct, variable.GetLocation(), "A ref local", "use an ordinary local");
                continue;
            }

            if (TypeMapping.IsDoubleArray(local.Type))
            {
                LowerLocalArray(local, variable, output);
                continue;
            }

            if (!TypeMapping.TryMapScalar(local.Type, out var type))
            {
                reported.Add(local);
                if (variable.Initializer?.Value is LambdaExpressionSyntax or AnonymousMethodExpressionSyntax)
                {
                    Report(DiagnosticDescriptors.UnsupportedConstruct, variable.Initializer.Value.GetLocation(), "A lambda", "delegates cannot be differentiated; call a [Differentiable] method instead");
                    continue;
                }

                Report(DiagnosticDescriptors.UnsupportedType, declaration.Type.GetLocation(), "Local '" + local.Name + "'", local.Type.ToDisplayString(), "locals are double, int, bool or double[] created with new double[n]");
                continue;
            }

            var name = Name(local, local.Name);
            IrExpr? value = variable.Initializer is { } initializer ? LowerAs(initializer.Value, type) : null;
            output.Add(new DeclareStmt(name, type, value));
        }
    }

    private void LowerLocalArray(ILocalSymbol local, VariableDeclaratorSyntax variable, List<IrStmt> output)
    {
        if (variable.Initializer?.Value is InvocationExpressionSyntax invocation
            && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol solver && Signatures.SolverBinder.IsDifferentiableSolver(solver))
        {
            LowerSolverCall(local, variable, invocation, solver, output);
            return;
        }

        if (variable.Initializer?.Value is not ArrayCreationExpressionSyntax { Initializer: null } creation
            || creation.Type.RankSpecifiers.Count != 1 || creation.Type.RankSpecifiers[0].Sizes.Count != 1
            || creation.Type.RankSpecifiers[0].Sizes[0] is OmittedArraySizeExpressionSyntax)
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, variable.GetLocation(), "This array local", "create local arrays as 'double[] a = new double[n];' (zero-filled) and fill them with element writes");
            return;
        }

        if (nestingDepth > 0)
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, variable.GetLocation(), "An array declared inside a loop or branch", "declare local arrays at the start of the method body, outside loops and branches");
            return;
        }

        if (TypeMapping.IsSinglePrecision(local.Type))
        {
            Report(DiagnosticDescriptors.UnsupportedType, variable.GetLocation(), "Local array '" + local.Name + "'", local.Type.ToDisplayString(), "local arrays are double[]; float functions are differentiated in double precision anyway");
            return;
        }

        var name = Name(local, local.Name);
        localArrays.Add(name);
        output.Add(new DeclareArrayStmt(name, LowerAs(creation.Type.RankSpecifiers[0].Sizes[0], IrType.Int)));
    }

    private string FreshName(string preferred, string separator = "")
    {
        var name = preferred;
        for (var i = 2; !usedNames.Add(name); i++)
        {
            name = preferred + separator + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    private bool TryResolveWritableElement(ExpressionSyntax target, out string array, out IrExpr index)
    {
        array = string.Empty;
        index = ConstExpr.Int(0);
        if (target is not ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } access)
        {
            return false;
        }

        var symbol = model.GetSymbolInfo(access.Expression, cancellationToken).Symbol;
        if (symbol is ILocalSymbol local && irNames.TryGetValue(local, out var localName) && localArrays.Contains(localName))
        {
            // Reported, but lowered on: the method has an error either way.
            ReportWriteToSolution(localName, access);
            array = localName;
        }
        else if (symbol is IParameterSymbol parameter && irNames.TryGetValue(parameter, out var parameterName) && TypeMapping.IsSpanOfDouble(parameter.Type, "Span"))
        {
            array = parameterName;
        }
        else
        {
            return false;
        }

        index = LowerAs(access.ArgumentList.Arguments[0].Expression, IrType.Int);
        return true;
    }

    private void LowerAssignment(AssignmentExpressionSyntax assignment, List<IrStmt> output)
    {
        if (TryResolveWritableElement(assignment.Left, out var array, out var index))
        {
            var elementOp = assignment.Kind() switch
            {
                SyntaxKind.SimpleAssignmentExpression => (BinaryOp?)null,
                SyntaxKind.AddAssignmentExpression => BinaryOp.Add,
                SyntaxKind.SubtractAssignmentExpression => BinaryOp.Subtract,
                SyntaxKind.MultiplyAssignmentExpression => BinaryOp.Multiply,
                SyntaxKind.DivideAssignmentExpression => BinaryOp.Divide,
                _ => (BinaryOp?)BinaryOp.Remainder,
            };
            if (elementOp == BinaryOp.Remainder)
            {
                Report(DiagnosticDescriptors.UnsupportedConstruct, assignment.OperatorToken.GetLocation(), "The operator '" + assignment.OperatorToken.Text + "'", "use =, +=, -=, *= or /=");
                return;
            }

            var element = LowerAs(assignment.Right, IrType.Double);
            var stored = elementOp is { } op2 ? new BinaryExpr(op2, new LoadExpr(array, index), element, IrType.Double) : element;
            output.Add(new StoreStmt(array, index, stored));
            return;
        }

        if (!TryResolveAssignable(assignment.Left, out var name, out var type))
        {
            return;
        }

        BinaryOp? op;
        switch (assignment.Kind())
        {
            case SyntaxKind.SimpleAssignmentExpression: op = null; break;
            case SyntaxKind.AddAssignmentExpression: op = BinaryOp.Add; break;
            case SyntaxKind.SubtractAssignmentExpression: op = BinaryOp.Subtract; break;
            case SyntaxKind.MultiplyAssignmentExpression: op = BinaryOp.Multiply; break;
            case SyntaxKind.DivideAssignmentExpression: op = BinaryOp.Divide; break;
            case SyntaxKind.ModuloAssignmentExpression when type == IrType.Int: op = BinaryOp.Remainder; break;
            default:
                Report(DiagnosticDescriptors.UnsupportedConstruct, assignment.OperatorToken.GetLocation(), "The operator '" + assignment.OperatorToken.Text + "'", "use =, +=, -=, *= or /=");
                return;
        }

        var right = LowerAs(assignment.Right, type);
        if (op is null && right is VarExpr same && same.Name == name)
        {
            // s = s; does nothing (and would otherwise read as "the old s is a different value").
            return;
        }

        var value = op is { } binary ? new BinaryExpr(binary, new VarExpr(name, type), right, type) : right;
        output.Add(new AssignStmt(name, value));
    }

    private void LowerIncrement(ExpressionSyntax expression, List<IrStmt> output)
    {
        var (operand, kind) = expression switch
        {
            PostfixUnaryExpressionSyntax postfix => (postfix.Operand, postfix.Kind()),
            PrefixUnaryExpressionSyntax prefix => (prefix.Operand, prefix.Kind()),
            _ => throw new InvalidOperationException(),
        };
        var increment = kind is SyntaxKind.PostIncrementExpression or SyntaxKind.PreIncrementExpression;
        var decrement = kind is SyntaxKind.PostDecrementExpression or SyntaxKind.PreDecrementExpression;
        if (!increment && !decrement)
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, expression.GetLocation(), "This expression statement", "only assignments and ++/-- can stand alone");
            return;
        }

        if (TryResolveWritableElement(operand, out var array, out var index))
        {
            output.Add(new StoreStmt(array, index, new BinaryExpr(increment ? BinaryOp.Add : BinaryOp.Subtract, new LoadExpr(array, index), IrMath.One, IrType.Double)));
            return;
        }

        if (!TryResolveAssignable(operand, out var name, out var type))
        {
            return;
        }

        var one = new ConstExpr(1, type);
        output.Add(new AssignStmt(name, new BinaryExpr(increment ? BinaryOp.Add : BinaryOp.Subtract, new VarExpr(name, type), one, type)));
    }

    private bool TryResolveAssignable(ExpressionSyntax target, out string name, out IrType type)
    {
        name = string.Empty;
        type = default;
        var symbol = model.GetSymbolInfo(target, cancellationToken).Symbol;
        switch (symbol)
        {
            case ILocalSymbol local when irNames.TryGetValue(local, out var localName) && TypeMapping.TryMapScalar(local.Type, out type):
                name = localName;
                return true;
            case IParameterSymbol parameter when irNames.TryGetValue(parameter, out var parameterName) && TypeMapping.TryMapScalar(parameter.Type, out type):
                name = parameterName;
                return true;
            default:
                var what = target is ElementAccessExpressionSyntax ? "Writing an array element" : symbol is IFieldSymbol or IPropertySymbol ? "Assigning a field or property" : "This assignment target";
                Report(DiagnosticDescriptors.UnsupportedConstruct, target.GetLocation(), what, "a differentiable method assigns only its locals and scalar parameters");
                return false;
        }
    }

    private IrExpr LowerAs(ExpressionSyntax expression, IrType target)
    {
        var value = Lower(expression);
        return Convert(value, target, expression);
    }

    private IrExpr Convert(IrExpr value, IrType target, SyntaxNode at)
    {
        if (ReferenceEquals(value, ErrorValue))
        {
            return target == IrType.Double ? ErrorValue : new ConstExpr(0, target);
        }

        if (value.Type == target)
        {
            return value;
        }

        if (value is ConstExpr constant && target is IrType.Double or IrType.Int && constant.Type is IrType.Double or IrType.Int)
        {
            return new ConstExpr(target == IrType.Int ? Math.Truncate(constant.Value) : constant.Value, target);
        }

        if (value.Type is IrType.Int or IrType.Double && target is IrType.Int or IrType.Double)
        {
            return new ConvertExpr(value, target);
        }

        Report(DiagnosticDescriptors.UnsupportedType, at.GetLocation(), "This expression", value.Type.ToString().ToLowerInvariant(), "a " + target.ToString().ToLowerInvariant() + " is needed here");
        return new ConstExpr(0, target);
    }

    private IrExpr Lower(ExpressionSyntax expression)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (expression.IsMissing || expression.ContainsDiagnostics && expression.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            // A syntax error: the compiler reports it.
            return ErrorValue;
        }

        var constant = model.GetConstantValue(expression, cancellationToken);
        if (constant.HasValue)
        {
            switch (constant.Value)
            {
                case double d:
                    return ConstExpr.Double(d);
                case float f:
                    return ConstExpr.Double(f);
                case int i:
                    return ConstExpr.Int(i);
                case bool b:
                    return new ConstExpr(b ? 1 : 0, IrType.Bool);
            }
        }

        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Lower(parenthesized.Expression);

            case CheckedExpressionSyntax @checked:
                return Lower(@checked.Expression);

            case IdentifierNameSyntax:
                return LowerName(expression);

            case MemberAccessExpressionSyntax access:
                return access.Name.Identifier.Text == "Length" && IsVectorLength(access) ? LowerLength(access) : LowerName(access);

            case LiteralExpressionSyntax literal:
                Report(DiagnosticDescriptors.UnsupportedType, literal.GetLocation(), "This literal", model.GetTypeInfo(literal, cancellationToken).Type?.ToDisplayString() ?? "unknown", "use double, int or bool values");
                return ErrorValue;

            case PrefixUnaryExpressionSyntax prefix:
                return LowerPrefix(prefix);

            case BinaryExpressionSyntax binary:
                return LowerBinary(binary);

            case ConditionalExpressionSyntax conditional:
            {
                var type = ResultType(conditional);
                var condition = LowerAs(conditional.Condition, IrType.Bool);
                var whenTrue = LowerAs(conditional.WhenTrue, type);
                var whenFalse = LowerAs(conditional.WhenFalse, type);
                return new ConditionalExpr(condition, whenTrue, whenFalse, type);
            }

            case CastExpressionSyntax cast:
            {
                var targetType = model.GetTypeInfo(cast.Type, cancellationToken).Type;
                if (!TypeMapping.TryMapScalar(targetType, out var type) || type == IrType.Bool)
                {
                    Report(DiagnosticDescriptors.UnsupportedType, cast.Type.GetLocation(), "This cast", targetType?.ToDisplayString() ?? "unknown", "casts convert between double and int");
                    return ErrorValue;
                }

                return Convert(Lower(cast.Expression), type, cast);
            }

            case InvocationExpressionSyntax invocation:
                return LowerInvocation(invocation);

            case ElementAccessExpressionSyntax elementAccess:
                return LowerElementAccess(elementAccess);

            case AssignmentExpressionSyntax:
                Report(DiagnosticDescriptors.UnsupportedConstruct, expression.GetLocation(), "An assignment inside an expression", "write the assignment as its own statement");
                return ErrorValue;

            case PostfixUnaryExpressionSyntax:
                Report(DiagnosticDescriptors.UnsupportedConstruct, expression.GetLocation(), "'" + expression + "' inside an expression", "write the increment as its own statement");
                return ErrorValue;

            case SimpleLambdaExpressionSyntax or ParenthesizedLambdaExpressionSyntax or AnonymousMethodExpressionSyntax:
                Report(DiagnosticDescriptors.UnsupportedConstruct, expression.GetLocation(), "A lambda", "delegates cannot be differentiated; call a [Differentiable] method instead");
                return ErrorValue;

            case QueryExpressionSyntax:
                Report(DiagnosticDescriptors.UnsupportedConstruct, expression.GetLocation(), "A LINQ query", "write the computation as a loop over indices");
                return ErrorValue;

            case ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax:
                Report(DiagnosticDescriptors.UnsupportedConstruct, expression.GetLocation(), "Creating an object", "this version supports scalar locals only");
                return ErrorValue;

            case AwaitExpressionSyntax:
                Report(DiagnosticDescriptors.UnsupportedConstruct, expression.GetLocation(), "'await'", "differentiable methods are synchronous");
                return ErrorValue;

            case ThrowExpressionSyntax:
                Report(DiagnosticDescriptors.UnsupportedConstruct, expression.GetLocation(), "A throw expression", "exceptions cannot be differentiated");
                return ErrorValue;

            default:
                Report(DiagnosticDescriptors.UnsupportedConstruct, expression.GetLocation(), "This expression (" + Describe(expression) + ")", "see docs/supported-csharp.md for the supported subset");
                return ErrorValue;
        }
    }

    private bool IsVectorLength(MemberAccessExpressionSyntax access)
    {
        var receiverType = model.GetTypeInfo(access.Expression, cancellationToken).Type;
        return TypeMapping.IsDoubleArray(receiverType) || TypeMapping.IsDoubleMatrix(receiverType) || TypeMapping.IsSpanOfDouble(receiverType, "ReadOnlySpan") || TypeMapping.IsSpanOfDouble(receiverType, "Span") || TypeMapping.IsIntArray(receiverType);
    }

    private IrExpr LowerLength(MemberAccessExpressionSyntax access)
    {
        var symbol = model.GetSymbolInfo(access.Expression, cancellationToken).Symbol;
        if (symbol is not null && reported.Contains(symbol))
        {
            return ErrorValue;
        }

        if (symbol is IParameterSymbol or ILocalSymbol && irNames.TryGetValue(symbol, out var name))
        {
            return new LengthExpr(name);
        }

        Report(DiagnosticDescriptors.UnsupportedConstruct, access.GetLocation(), "This '.Length'", "only the length of an array or span parameter is supported");
        return ConstExpr.Int(0);
    }

    private IrType ResultType(ExpressionSyntax expression)
    {
        var type = model.GetTypeInfo(expression, cancellationToken).Type;
        return TypeMapping.TryMapScalar(type, out var irType) ? irType : IrType.Double;
    }

    private IrExpr LowerName(ExpressionSyntax expression)
    {
        var symbol = model.GetSymbolInfo(expression, cancellationToken).Symbol;
        if (symbol is null || reported.Contains(symbol))
        {
            // Unresolved names are the compiler's to report; reported symbols were explained where declared.
            return ErrorValue;
        }

        switch (symbol)
        {
            case ILocalSymbol local when irNames.TryGetValue(local, out var name):
                return new VarExpr(name, localArrays.Contains(name) ? IrType.DoubleVector : TypeOf(local.Type, expression));
            case IParameterSymbol parameter when irNames.TryGetValue(parameter, out var name):
                return new VarExpr(name, TypeMapping.IsDoubleArray(parameter.Type) || TypeMapping.IsDoubleMatrix(parameter.Type) || TypeMapping.IsSpanOfDouble(parameter.Type, "ReadOnlySpan") || TypeMapping.IsSpanOfDouble(parameter.Type, "Span") ? IrType.DoubleVector
                    : TypeMapping.IsIntArray(parameter.Type) ? IrType.IntVector : TypeOf(parameter.Type, expression));
            case IFieldSymbol or IPropertySymbol:
            {
                // Fields and properties are read as constants: derivatives never flow through them.
                var memberType = symbol is IFieldSymbol field ? field.Type : ((IPropertySymbol)symbol).Type;
                if (!TypeMapping.TryMapScalar(memberType, out var type))
                {
                    Report(DiagnosticDescriptors.UnsupportedType, expression.GetLocation(), "Member '" + symbol.Name + "'", memberType.ToDisplayString(), "fields and properties read in a differentiable method must be double, int or bool");
                    return ErrorValue;
                }

                if (symbol is IPropertySymbol { IsIndexer: true })
                {
                    break;
                }

                var receiver = symbol.IsStatic
                    ? symbol.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
                    : IsThisReceiver(expression) ? "this" : null;
                if (receiver is null)
                {
                    Report(DiagnosticDescriptors.UnsupportedConstruct, expression.GetLocation(), "Reading a member of another object", "read members of this object or static members, or pass the value as a parameter");
                    return ErrorValue;
                }

                return new OpaqueExpr(receiver + "." + symbol.Name, type);
            }
        }

        Report(DiagnosticDescriptors.UnsupportedConstruct, expression.GetLocation(), "'" + expression + "'", "only parameters, locals, constants, fields and properties can be read");
        return ErrorValue;
    }

    private static bool IsThisReceiver(ExpressionSyntax expression) =>
        expression is IdentifierNameSyntax || expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax };

    private IrType TypeOf(ITypeSymbol type, SyntaxNode at)
    {
        if (TypeMapping.TryMapScalar(type, out var irType))
        {
            return irType;
        }

        Report(DiagnosticDescriptors.UnsupportedType, at.GetLocation(), "'" + at + "'", type.ToDisplayString(), "use double, int or bool values");
        return IrType.Double;
    }

    private IrExpr LowerPrefix(PrefixUnaryExpressionSyntax prefix)
    {
        switch (prefix.Kind())
        {
            case SyntaxKind.UnaryPlusExpression:
                return Lower(prefix.Operand);
            case SyntaxKind.UnaryMinusExpression:
            {
                var operand = Lower(prefix.Operand);
                return new UnaryExpr(UnaryOp.Negate, operand, operand.Type == IrType.Int ? IrType.Int : IrType.Double);
            }

            case SyntaxKind.LogicalNotExpression:
                return new UnaryExpr(UnaryOp.Not, LowerAs(prefix.Operand, IrType.Bool), IrType.Bool);
            default:
                Report(DiagnosticDescriptors.UnsupportedConstruct, prefix.GetLocation(), "The operator '" + prefix.OperatorToken.Text + "'", "supported unary operators are -, + and !");
                return ErrorValue;
        }
    }

    private IrExpr LowerBinary(BinaryExpressionSyntax binary)
    {
        var kind = binary.Kind();
        switch (kind)
        {
            case SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression:
                return new BinaryExpr(kind == SyntaxKind.LogicalAndExpression ? BinaryOp.And : BinaryOp.Or, LowerAs(binary.Left, IrType.Bool), LowerAs(binary.Right, IrType.Bool), IrType.Bool);

            case SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression
                or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression:
            {
                var left = Lower(binary.Left);
                var right = Lower(binary.Right);
                if (left.Type == IrType.Bool || right.Type == IrType.Bool)
                {
                    left = Convert(left, IrType.Bool, binary.Left);
                    right = Convert(right, IrType.Bool, binary.Right);
                }
                else if (left.Type != right.Type)
                {
                    left = Convert(left, IrType.Double, binary.Left);
                    right = Convert(right, IrType.Double, binary.Right);
                }

                var op = kind switch
                {
                    SyntaxKind.LessThanExpression => BinaryOp.Less,
                    SyntaxKind.LessThanOrEqualExpression => BinaryOp.LessOrEqual,
                    SyntaxKind.GreaterThanExpression => BinaryOp.Greater,
                    SyntaxKind.GreaterThanOrEqualExpression => BinaryOp.GreaterOrEqual,
                    SyntaxKind.EqualsExpression => BinaryOp.Equal,
                    _ => BinaryOp.NotEqual,
                };
                return new BinaryExpr(op, left, right, IrType.Bool);
            }

            case SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression
                or SyntaxKind.DivideExpression or SyntaxKind.ModuloExpression:
            {
                var type = ResultType(binary);
                if (type == IrType.Bool)
                {
                    break;
                }

                if (kind == SyntaxKind.ModuloExpression && type == IrType.Double)
                {
                    Report(DiagnosticDescriptors.UnsupportedConstruct, binary.OperatorToken.GetLocation(), "'%' on double", "the remainder of doubles has no derivative rule; use Math.IEEERemainder-free code or int operands");
                    return ErrorValue;
                }

                var op = kind switch
                {
                    SyntaxKind.AddExpression => BinaryOp.Add,
                    SyntaxKind.SubtractExpression => BinaryOp.Subtract,
                    SyntaxKind.MultiplyExpression => BinaryOp.Multiply,
                    SyntaxKind.DivideExpression => BinaryOp.Divide,
                    _ => BinaryOp.Remainder,
                };
                return new BinaryExpr(op, LowerAs(binary.Left, type), LowerAs(binary.Right, type), type);
            }
        }

        Report(DiagnosticDescriptors.UnsupportedConstruct, binary.OperatorToken.GetLocation(), "The operator '" + binary.OperatorToken.Text + "'", "supported operators are + - * / (and % on int), comparisons, && and ||");
        return ErrorValue;
    }

    private IrExpr LowerInvocation(InvocationExpressionSyntax invocation)
    {
        var symbol = model.GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol;
        if (symbol is null)
        {
            // Overload resolution failed: the compiler reports it.
            return ErrorValue;
        }

        var arguments = invocation.ArgumentList.Arguments;
        if (arguments.Any(a => !a.RefKindKeyword.IsKind(SyntaxKind.None) || a.NameColon is not null))
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, invocation.ArgumentList.GetLocation(), "Named, ref, out or in arguments", "pass arguments by position and by value");
            return ErrorValue;
        }

        if (symbol.ContainingType?.ToDisplayString() is "System.Math" or "System.MathF")
        {
            return LowerMathCall(invocation, symbol);
        }

        if (symbol.Name == "GetLength" && invocation.Expression is MemberAccessExpressionSyntax { Expression: var arrayExpression }
            && model.GetSymbolInfo(arrayExpression, cancellationToken).Symbol is IParameterSymbol arrayParameter && TypeMapping.IsDoubleMatrix(arrayParameter.Type)
            && irNames.TryGetValue(arrayParameter, out var arrayName) && arguments.Count == 1
            && model.GetConstantValue(arguments[0].Expression, cancellationToken) is { HasValue: true, Value: int dimension } && dimension is 0 or 1)
        {
            return new DimensionExpr(arrayName, dimension);
        }

        if (symbol.ContainingType?.ToDisplayString() == KnownNames.AdClass && symbol.Name == "StopGradient" && arguments.Count == 1)
        {
            return new StopGradientExpr(LowerAs(arguments[0].Expression, IrType.Double));
        }

        if (IsCallable(symbol))
        {
            return LowerDifferentiableCall(invocation, symbol);
        }

        Report(DiagnosticDescriptors.CallWithoutDerivative, invocation.Expression.GetLocation(), symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), NoDerivativeReason(symbol));
        return ErrorValue;
    }

    private IrExpr LowerMathCall(InvocationExpressionSyntax invocation, IMethodSymbol symbol)
    {
        var arguments = invocation.ArgumentList.Arguments;
        if (symbol.Name == "Sign" && arguments.Count == 1 && TypeMapping.IsDouble(symbol.Parameters[0].Type))
        {
            return new SignExpr(LowerAs(arguments[0].Expression, IrType.Double));
        }

        var allDouble = symbol.Parameters.All(p => TypeMapping.IsDouble(p.Type)) && TypeMapping.IsDouble(symbol.ReturnType);
        if (allDouble && PrimitiveTable.TryFind(symbol.Name, arguments.Count, out var primitive))
        {
            var lowered = arguments.Select(a => LowerAs(a.Expression, IrType.Double)).ToEquatableArray();
            return new PrimitiveCallExpr(primitive, lowered, IrType.Double);
        }

        Report(DiagnosticDescriptors.CallWithoutDerivative, invocation.Expression.GetLocation(), symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), NoDerivativeReason(symbol));
        return ErrorValue;
    }

    private IrExpr LowerDifferentiableCall(InvocationExpressionSyntax invocation, IMethodSymbol symbol)
    {
        if (!TypeMapping.IsDouble(symbol.ReturnType) || IsGradientDeclaration(symbol))
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, invocation.GetLocation(), "Using the result of '" + symbol.Name + "'", "it writes its results into Span<double> outputs; call it as a statement");
            return ErrorValue;
        }

        return TryLowerCall(invocation, symbol, out var callee, out var arguments)
            ? new MethodCallExpr(callee, arguments, IrType.Double)
            : ErrorValue;
    }

    private void LowerCallStatement(InvocationExpressionSyntax invocation, List<IrStmt> output)
    {
        var symbol = model.GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol;
        if (symbol is null || !IsCallable(symbol))
        {
            Report(DiagnosticDescriptors.CallWithoutDerivative, invocation.Expression.GetLocation(), symbol?.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) ?? invocation.Expression.ToString(), NoDerivativeReason(symbol));
            return;
        }

        if (!symbol.ReturnsVoid && !IsGradientDeclaration(symbol))
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, invocation.GetLocation(), "Discarding the result of '" + symbol.Name + "'", "use its value, or remove the call");
            return;
        }

        if (TryLowerCall(invocation, symbol, out var callee, out var arguments))
        {
            output.Add(new CallMethodStmt(callee, arguments));
        }
    }

    private bool TryLowerCall(InvocationExpressionSyntax invocation, IMethodSymbol symbol, out Callee callee, out EquatableArray<IrExpr> loweredArguments)
    {
        callee = null!;
        loweredArguments = EquatableArray<IrExpr>.Empty;
        var gradientPrimal = (IMethodSymbol?)null;
        if (IsGradientDeclaration(symbol))
        {
            if (!Signatures.GradientCallRules.TryBind(symbol, cancellationToken, out gradientPrimal, out var reason))
            {
                Report(DiagnosticDescriptors.CallWithoutDerivative, invocation.Expression.GetLocation(), symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), reason);
                return false;
            }
        }

        if (invocation.ArgumentList.Arguments.Any(a => !a.RefKindKeyword.IsKind(SyntaxKind.None) || a.NameColon is not null))
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, invocation.ArgumentList.GetLocation(), "Named, ref, out or in arguments", "pass arguments by position and by value");
            return false;
        }

        var parameters = new List<IrParameter>();
        foreach (var parameter in symbol.Parameters)
        {
            if (!TypeMapping.TryMapParameter(parameter, out var irParameter))
            {
                // The callee's own diagnostics explain this; the call cannot be differentiated meanwhile.
                Report(DiagnosticDescriptors.CallWithoutDerivative, invocation.Expression.GetLocation(), symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), NoDerivativeReason(symbol));
                return false;
            }

            // A gradient declaration's copies of the primal's parameters are differentiable by type (see GradientCallEmitter).
            parameters.Add(gradientPrimal is null ? irParameter : irParameter with { IsConstant = false });
        }

        if (symbol.IsGenericMethod)
        {
            Report(DiagnosticDescriptors.CallWithoutDerivative, invocation.Expression.GetLocation(), symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), NoDerivativeReason(symbol));
            return false;
        }

        string receiver;
        if (symbol.IsStatic)
        {
            receiver = symbol.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        }
        else if (invocation.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }
                 && SymbolEqualityComparer.Default.Equals(symbol.ContainingType, method.ContainingType) && !method.IsStatic)
        {
            receiver = "this";
        }
        else
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, invocation.Expression.GetLocation(), "A call on another object", "instance calls are supported on 'this' only; virtual and interface dispatch cannot be differentiated");
            return false;
        }

        if (symbol.IsVirtual || symbol.IsAbstract || symbol.IsOverride)
        {
            Report(DiagnosticDescriptors.UnsupportedConstruct, invocation.Expression.GetLocation(), "A virtual call", "the generator must know which body runs; make the method non-virtual");
            return false;
        }

        if (!CalleeHasDerivatives(gradientPrimal ?? symbol))
        {
            Report(DiagnosticDescriptors.CallWithoutDerivative, invocation.Expression.GetLocation(), symbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                HasCustomDerivative(symbol)
                ? "its [DerivativeOf] method cannot be used (see the diagnostics on it)"
                : "it is marked [Differentiable] but cannot be differentiated itself (see the diagnostics on it)");
            return false;
        }

        var arguments = new List<IrExpr>();
        var syntaxArguments = invocation.ArgumentList.Arguments;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (i >= syntaxArguments.Count)
            {
                Report(DiagnosticDescriptors.UnsupportedConstruct, invocation.ArgumentList.GetLocation(), "An omitted optional argument", "pass every argument of a differentiable call explicitly");
                return false;
            }

            var argumentSyntax = syntaxArguments[i].Expression;
            if (parameters[i].Type == IrType.IntVector)
            {
                if (Lower(argumentSyntax) is not VarExpr { Type: IrType.IntVector } indices)
                {
                    Report(DiagnosticDescriptors.UnsupportedConstruct, argumentSyntax.GetLocation(), "This index-array argument", "pass an int[] or ReadOnlySpan<int> parameter as it is");
                    return false;
                }

                arguments.Add(indices);
            }
            else if (parameters[i].Type == IrType.DoubleVector)
            {
                var argument = Lower(argumentSyntax);
                if (ReferenceEquals(argument, ErrorValue))
                {
                    return false;
                }

                if (argument is not VarExpr { Type: IrType.DoubleVector } vector)
                {
                    Report(DiagnosticDescriptors.UnsupportedConstruct, argumentSyntax.GetLocation(), "This array argument", "pass an array or span parameter, or a local array, as it is");
                    return false;
                }

                if (parameters[i].IsOutput && ReportWriteToSolution(vector.Name, argumentSyntax))
                {
                    return false;
                }

                if (parameters[i].IsOutput && !localArrays.Contains(vector.Name) && !outputParameters.Contains(vector.Name))
                {
                    Report(DiagnosticDescriptors.UnsupportedConstruct, argumentSyntax.GetLocation(), "This output argument", "an output span receives a local array or one of the caller's own Span<double> outputs");
                    return false;
                }

                arguments.Add(argument);
            }
            else
            {
                arguments.Add(LowerAs(argumentSyntax, parameters[i].Type));
            }
        }

        callee = new Callee(receiver, symbol.Name, parameters.ToEquatableArray());
        loweredArguments = arguments.ToEquatableArray();
        return true;
    }

    /// <summary>
    /// Whether the generator will emit the callee's helpers: it has a custom derivative, or it lowers without errors in a
    /// partial type (source), or its helpers exist (a referenced assembly built with DiffOpt). Without this check a
    /// caller's generated code would not compile.
    /// </summary>
    private bool CalleeHasDerivatives(IMethodSymbol callee)
    {
        callee = callee.PartialImplementationPart ?? callee;
        if (HasCustomDerivative(callee))
        {
            return Signatures.CustomDerivatives.Find(callee.PartialDefinitionPart ?? callee, cancellationToken) is not null;
        }

        if (checkedCallees.TryGetValue(callee, out var known))
        {
            return known;
        }

        var body = FindBodySyntax(callee, cancellationToken);
        if (body is null)
        {
            return callee.ContainingType.GetMembers(callee.Name + KnownNames.PullbackSuffix).Any();
        }

        if (!IsPartialChain(callee.ContainingType, cancellationToken))
        {
            checkedCallees[callee] = false;
            return false;
        }

        // Recursion: assume success while the callee is being checked; its own lowering decides.
        checkedCallees[callee] = true;
        var calleeModel = body.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(body.SyntaxTree);
        var lowering = new MethodLowering(callee, calleeModel, cancellationToken, checkedCallees);
        var ok = lowering.LowerMethodSafely(body);
        checkedCallees[callee] = ok;
        return ok;
    }

    private bool LowerMethodSafely(MethodDeclarationSyntax body)
    {
        try
        {
            LowerMethod(body);
            return !diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Whether a type and all its containing types are partial and not file-local, so generated members can join them.</summary>
    public static bool IsPartialChain(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            var declaration = current.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (declaration is null || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword) || declaration.Modifiers.Any(SyntaxKind.FileKeyword))
            {
                return false;
            }
        }

        return true;
    }

    private IrExpr LowerElementAccess(ElementAccessExpressionSyntax access)
    {
        var receiver = model.GetSymbolInfo(access.Expression, cancellationToken).Symbol;
        if (receiver is IParameterSymbol matrix && TypeMapping.IsDoubleMatrix(matrix.Type) && irNames.TryGetValue(matrix, out var matrixName) && access.ArgumentList.Arguments.Count == 2)
        {
            return new MatrixLoadExpr(matrixName, LowerAs(access.ArgumentList.Arguments[0].Expression, IrType.Int), LowerAs(access.ArgumentList.Arguments[1].Expression, IrType.Int));
        }

        if (receiver is IParameterSymbol indices && TypeMapping.IsIntArray(indices.Type) && irNames.TryGetValue(indices, out var indicesName) && access.ArgumentList.Arguments.Count == 1)
        {
            var indexSyntax = access.ArgumentList.Arguments[0].Expression;
            if (indexSyntax is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression } or RangeExpressionSyntax)
            {
                Report(DiagnosticDescriptors.UnsupportedConstruct, indexSyntax.GetLocation(), "Index-from-end and ranges", "index with an int expression such as x[x.Length - 1]");
                return ErrorValue;
            }

            return new LoadExpr(indicesName, LowerAs(indexSyntax, IrType.Int), ElementType: IrType.Int);
        }

        if (receiver is IParameterSymbol or ILocalSymbol && irNames.TryGetValue(receiver, out var name)
            && (receiver is ILocalSymbol ? localArrays.Contains(name) : TypeMapping.IsDoubleArray(((IParameterSymbol)receiver).Type) || TypeMapping.IsSpanOfDouble(((IParameterSymbol)receiver).Type, "ReadOnlySpan") || TypeMapping.IsSpanOfDouble(((IParameterSymbol)receiver).Type, "Span"))
            && access.ArgumentList.Arguments.Count == 1)
        {
            var indexSyntax = access.ArgumentList.Arguments[0].Expression;
            if (indexSyntax is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression } or RangeExpressionSyntax)
            {
                Report(DiagnosticDescriptors.UnsupportedConstruct, indexSyntax.GetLocation(), "Index-from-end and ranges", "index with an int expression such as x[x.Length - 1]");
                return ErrorValue;
            }

            return new LoadExpr(name, LowerAs(indexSyntax, IrType.Int));
        }

        Report(DiagnosticDescriptors.UnsupportedConstruct, access.GetLocation(), "This element access", "only elements of double[] and ReadOnlySpan<double> parameters can be read");
        return ErrorValue;
    }

    private string Name(ISymbol symbol, string preferred)
    {
        var name = FreshName(preferred, "_");
        irNames[symbol] = name;
        return name;
    }

    /// <summary>Why a call has no derivative, worded for where the callee lives.</summary>
    private static string NoDerivativeReason(IMethodSymbol? symbol) =>
        symbol is { IsVirtual: true } or { IsAbstract: true } or { IsOverride: true } or { ContainingType.TypeKind: TypeKind.Interface }
            ? "virtual and interface methods cannot be differentiated: which body runs is not known at compile time"
            : symbol is not null && symbol.Locations.Any(l => l.IsInSource)
            ? "mark it [Differentiable], or give it a [DerivativeOf] derivative"
            : "DiffOpt differentiates Math members and [Differentiable] methods; write the computation with those, or wrap the call in a method with a [DerivativeOf] derivative";

    private static string Describe(SyntaxNode node)
    {
        // "ExpressionStatement" → "expression statement".
        var kind = node.Kind().ToString();
        var words = new System.Text.StringBuilder();
        foreach (var c in kind)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }

    private void Report(DiagnosticDescriptor descriptor, Location location, params object[] arguments) =>
        diagnostics.Add(Diagnostic.Create(descriptor, location, arguments));
}
