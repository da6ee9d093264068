using System.Collections.Generic;
using System.Linq;
using DiffOpt.Generators.Ir;
using DiffOpt.Generators.Model;

namespace DiffOpt.Generators.Transforms;

/// <summary>
/// Renames locals so that each is assigned once on every path (SSA over structured code): a reassignment
/// declares a new version, and a variable changed inside an <c>if</c> gets a merge local assigned at the end
/// of both branches. In straight-line code and branches the reverse sweep can then read every value it
/// needs from its own local, so no tape is needed (loops, which overwrite in place, use a tape instead).
/// Every declaration also gets a name unique in the whole function.
/// </summary>
internal sealed class SsaRenaming
{
    private readonly NameScope names;
    private readonly HashSet<string> loopVariables;
    private readonly Dictionary<string, IrType> types = new();

    private SsaRenaming(NameScope names, HashSet<string> loopVariables)
    {
        this.names = names;
        this.loopVariables = loopVariables;
    }

    /// <summary>Renames <paramref name="statements"/>; <paramref name="loopVariables"/> (assigned inside loops) keep one name.</summary>
    public static List<IrStmt> Rename(IReadOnlyList<IrStmt> statements, IEnumerable<IrParameter> parameters, NameScope names, HashSet<string> loopVariables)
    {
        var renaming = new SsaRenaming(names, loopVariables);
        var environment = new Environment();
        foreach (var parameter in parameters)
        {
            environment.Current[parameter.Name] = parameter.Name;
            environment.Assigned.Add(parameter.Name);
            renaming.types[parameter.Name] = parameter.Type;
        }

        return renaming.RenameBlock(statements, environment);
    }

    private List<IrStmt> RenameBlock(IReadOnlyList<IrStmt> statements, Environment environment)
    {
        var output = new List<IrStmt>();
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case DeclareStmt declare:
                {
                    var value = declare.Value is null ? null : Read(declare.Value, environment);
                    var name = environment.Current.ContainsKey(declare.Name) || seenDeclarations.Contains(declare.Name)
                        ? names.Fresh(declare.Name)
                        : declare.Name;
                    seenDeclarations.Add(declare.Name);
                    seenDeclarations.Add(name);
                    names.Reserve(name);
                    types[declare.Name] = declare.Type;
                    types[name] = declare.Type;
                    environment.Current[declare.Name] = name;
                    if (value is not null)
                    {
                        environment.Assigned.Add(name);
                    }

                    output.Add(new DeclareStmt(name, declare.Type, value));
                    break;
                }

                case AssignStmt assign:
                {
                    var value = Read(assign.Value, environment);
                    var current = environment.Current[assign.Name];
                    if (loopVariables.Contains(assign.Name))
                    {
                        // Overwritten in place; reverse mode restores it from the tape.
                        environment.Assigned.Add(current);
                        output.Add(new AssignStmt(current, value));
                        break;
                    }

                    if (!environment.Assigned.Contains(current))
                    {
                        // First assignment of a local declared without a value: it becomes that value's definition.
                        environment.Assigned.Add(current);
                        output.Add(new AssignStmt(current, value));
                        break;
                    }

                    var version = names.Fresh(assign.Name);
                    types[version] = types[assign.Name];
                    environment.Current[assign.Name] = version;
                    environment.Assigned.Add(version);
                    output.Add(new DeclareStmt(version, types[assign.Name], value));
                    break;
                }

                case IfStmt branch:
                {
                    var condition = Read(branch.Condition, environment);
                    var thenEnvironment = environment.Clone();
                    var then = RenameBlock(branch.Then, thenEnvironment);
                    var elseEnvironment = environment.Clone();
                    var otherwise = RenameBlock(branch.Else, elseEnvironment);

                    foreach (var variable in environment.Current.Keys.ToList())
                    {
                        if (loopVariables.Contains(variable))
                        {
                            if (thenEnvironment.Assigned.Contains(variable) && elseEnvironment.Assigned.Contains(variable))
                            {
                                environment.Assigned.Add(variable);
                            }

                            continue;
                        }

                        var before = environment.Current[variable];
                        var afterThen = thenEnvironment.Current[variable];
                        var afterElse = elseEnvironment.Current[variable];
                        var assignedThen = thenEnvironment.Assigned.Contains(afterThen);
                        var assignedElse = elseEnvironment.Assigned.Contains(afterElse);
                        if (afterThen == before && afterElse == before)
                        {
                            if (assignedThen && assignedElse)
                            {
                                environment.Assigned.Add(before);
                            }

                            continue;
                        }

                        // Changed on some path: join the versions in a merge local.
                        var merged = names.Fresh(variable);
                        types[merged] = types[variable];
                        output.Add(new DeclareStmt(merged, types[variable], null));
                        if (assignedThen)
                        {
                            then.Add(new AssignStmt(merged, new VarExpr(afterThen, types[variable])));
                        }

                        if (assignedElse)
                        {
                            otherwise.Add(new AssignStmt(merged, new VarExpr(afterElse, types[variable])));
                        }

                        environment.Current[variable] = merged;
                        if (assignedThen && assignedElse)
                        {
                            environment.Assigned.Add(merged);
                        }
                    }

                    output.Add(new IfStmt(condition, then.ToEquatableArray(), otherwise.ToEquatableArray()));
                    break;
                }

                case ReturnStmt ret:
                    output.Add(new ReturnStmt(ret.Value is null ? null : Read(ret.Value, environment)));
                    break;

                case LoopStmt loop:
                {
                    // Only loop variables change inside a loop, and they keep their names, so one pass suffices.
                    var condition = Read(loop.Condition, environment);
                    var inner = environment.Clone();
                    var body = RenameBlock(loop.Body, inner);
                    var step = RenameBlock(loop.Step, inner);
                    output.Add(new LoopStmt(condition, body.ToEquatableArray(), step.ToEquatableArray()));
                    break;
                }

                case DeclareArrayStmt array:
                    environment.Current[array.Name] = array.Name;
                    environment.Assigned.Add(array.Name);
                    output.Add(array with { Length = Read(array.Length, environment) });
                    break;

                case StoreStmt store:
                    output.Add(store with { Index = Read(store.Index, environment), Value = Read(store.Value, environment) });
                    break;

                case CallMethodStmt call:
                    output.Add(call with { Arguments = call.Arguments.Select(a => Read(a, environment)).ToEquatableArray() });
                    break;

                default:
                    output.Add(statement);
                    break;
            }
        }

        return output;
    }

    private readonly HashSet<string> seenDeclarations = new();

    private static IrExpr Read(IrExpr expression, Environment environment) =>
        IrRewriter.Rename(expression, name => environment.Current.TryGetValue(name, out var current) ? current : name);

    private sealed class Environment
    {
        public Dictionary<string, string> Current { get; private set; } = new();

        public HashSet<string> Assigned { get; private set; } = new();

        public Environment Clone() => new() { Current = new Dictionary<string, string>(Current), Assigned = new HashSet<string>(Assigned) };
    }
}
