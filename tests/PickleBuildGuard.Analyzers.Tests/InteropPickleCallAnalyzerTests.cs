using System.Threading.Tasks;
using PickleBuildGuard.Analyzers.Tests.Infrastructure;
using Xunit;

namespace PickleBuildGuard.Analyzers.Tests;

public sealed class InteropPickleCallAnalyzerTests
{
    private static Task VerifyAsync(string source) => new TestProject().WithSource(source).VerifyAsync();

    [Fact]
    public Task Pythonnet_dynamic_call_on_an_imported_pickle_module_is_reported() => VerifyAsync("""
        using Python.Runtime;

        class C
        {
            object M(byte[] data)
            {
                using (Py.GIL())
                {
                    dynamic pickle = Py.Import("pickle");
                    return {|PBG2001:pickle.loads(data)|};
                }
            }
        }
        """);

    [Fact]
    public Task Pythonnet_module_in_a_field_assigned_in_the_constructor_is_reported() => VerifyAsync("""
        using Python.Runtime;

        class Model
        {
            private dynamic joblib;
            private readonly dynamic torch = Py.Import("torch");

            public Model() { joblib = Py.Import("joblib"); }

            public object Load(string path) => {|PBG2001:joblib.load(path)|} ?? {|PBG2001:torch.load(path)|};
        }
        """);

    [Fact]
    public Task Pythonnet_torch_load_with_weights_only_true_is_silent_and_false_is_reported() => VerifyAsync("""
        using Python.Runtime;

        class C
        {
            void M(string path)
            {
                dynamic torch = Py.Import("torch");
                torch.load(path, weights_only: true);
                {|PBG2001:torch.load(path, weights_only: false)|};
                {|PBG2001:torch.hub.load("pytorch/vision", "resnet18")|};
            }
        }
        """);

    [Fact]
    public Task Pythonnet_numpy_load_is_reported_only_with_allow_pickle_true() => VerifyAsync("""
        using Python.Runtime;

        class C
        {
            void M(string path)
            {
                dynamic np = PyModule.Import("numpy");
                np.load(path);
                {|PBG2001:np.load(path, allow_pickle: true)|};
                dynamic pd = Py.Import("pandas");
                {|PBG2001:pd.read_pickle(path)|};
            }
        }
        """);

    [Fact]
    public Task Pythonnet_InvokeMethod_GetAttr_Invoke_and_2x_ImportModule_are_reported() => VerifyAsync("""
        using Python.Runtime;

        class C
        {
            void M(string path, byte[] data)
            {
                PyObject pickle = Py.Import("pickle");
                {|PBG2001:pickle.InvokeMethod("loads", data.ToPython())|};
                {|PBG2001:Py.Import("torch").GetAttr("load").Invoke(path.ToPython())|};
                var load = PythonEngine.ImportModule("joblib").GetAttr("load");
                {|PBG2001:load.Invoke(path.ToPython())|};
                pickle.InvokeMethod("dumps", data.ToPython());
            }
        }
        """);

    [Fact]
    public Task Pythonnet_load_after_EnsureSafe_is_silent() => VerifyAsync("""
        using PickleBuildGuard;
        using Python.Runtime;

        class C
        {
            object M(string path)
            {
                PickleGuard.EnsureSafe(path);
                dynamic torch = Py.Import("torch");
                return torch.load(path);
            }
        }
        """);

    [Fact]
    public Task Other_modules_and_members_are_silent() => VerifyAsync("""
        using Python.Runtime;

        class C
        {
            void M(string path, dynamic unknown)
            {
                dynamic json = Py.Import("json");
                json.loads(path);
                dynamic pickle = Py.Import("pickle");
                pickle.dumps(path);
                unknown.load(path);
                dynamic mypickle = Py.Import("mypickle");
                mypickle.load(path);
            }
        }
        """);

    [Fact]
    public Task IronPython_module_calls_are_reported() => VerifyAsync("""
        using IronPython.Hosting;

        class C
        {
            void M(byte[] data)
            {
                var engine = IronPython.Hosting.Python.CreateEngine(); // qualified: pythonnet's Python namespace is referenced too
                dynamic pickle = engine.ImportModule("pickle");
                {|PBG2003:pickle.loads(data)|};
                {|PBG2003:engine.Operations.InvokeMember(engine.ImportModule("cPickle"), "loads", data)|};
                var runtime = IronPython.Hosting.Python.CreateRuntime();
                dynamic shelve = runtime.ImportModule("shelve");
                {|PBG2003:shelve.open("db")|};
            }
        }
        """);

    [Fact]
    public Task CSnakes_module_calls_are_reported() => VerifyAsync("""
        using CSnakes.Runtime.Python;

        class C
        {
            void M(string path)
            {
                using var pickle = Import.ImportModule("pickle");
                using var file = PyObject.From(path);
                {|PBG2004:pickle.GetAttr("load").Call(file)|};
                var joblibLoad = Import.ImportModule("joblib").GetAttr("load");
                {|PBG2004:joblibLoad.CallWithArgs([file])|};
                Import.ImportModule("json").GetAttr("loads").Call(file);
            }
        }
        """);

    [Fact]
    public Task Generated_code_is_analysed_too() => new TestProject().WithSource(
        """
        // <auto-generated/>
        using Python.Runtime;

        class Generated
        {
            object M(byte[] data) => {|PBG2001:((dynamic)Py.Import("pickle")).loads(data)|};
        }
        """,
        "Generated.g.cs").VerifyAsync();

    [Fact]
    public Task IronPython_GetVariable_callable_and_guarded_call() => VerifyAsync("""
        using IronPython.Hosting;
        using PickleBuildGuard;

        class C
        {
            void M(byte[] data, byte[] checkedData)
            {
                var engine = IronPython.Hosting.Python.CreateEngine();
                var pickle = engine.ImportModule("pickle");
                dynamic loads = pickle.GetVariable("loads");
                {|PBG2003:loads(data)|};
                PickleGuard.EnsureSafe(checkedData);
                loads(checkedData);
            }
        }
        """);

    [Fact]
    public Task Module_held_in_a_property_is_followed() => VerifyAsync("""
        using Python.Runtime;

        class Model
        {
            private dynamic Pandas { get; } = Py.Import("pandas");

            public object Frame(string path) => {|PBG2001:Pandas.read_pickle(path)|};
        }
        """);
}
