using DiffOpt.GradBench.Modules.Ba;
using DiffOpt.GradBench.Modules.Det;
using DiffOpt.GradBench.Modules.Gmm;
using DiffOpt.GradBench.Modules.Hello;
using DiffOpt.GradBench.Modules.Ht;
using DiffOpt.GradBench.Modules.KMeans;
using DiffOpt.GradBench.Modules.Llsq;
using DiffOpt.GradBench.Modules.Lse;
using DiffOpt.GradBench.Modules.Lstm;
using DiffOpt.GradBench.Modules.Ode;
using DiffOpt.GradBench.Modules.Particle;
using DiffOpt.GradBench.Modules.Saddle;

namespace DiffOpt.GradBench.Modules;

/// <summary>Every module the tool serves. One line per module, sorted by name; add a module by adding its line.</summary>
internal static class ModuleRegistry
{
    /// <summary>Creates one instance of every module.</summary>
    public static IReadOnlyList<IGradBenchModule> CreateAll() =>
    [
        new BaModule(),
        new DetModule(),
        new GmmModule(),
        new HelloModule(),
        new HtModule(),
        new KMeansModule(),
        new LlsqModule(),
        new LseModule(),
        new LstmModule(),
        new OdeModule(),
        new ParticleModule(),
        new SaddleModule(),
    ];
}
