using System.Linq;
using PickleBuildGuard.Analyzers.Python;
using Xunit;

namespace PickleBuildGuard.Analyzers.Tests;

/// <summary>The Python text patterns of DOTNET.md §3.9, resolved through imports and aliases.</summary>
public sealed class PythonPickleLoadFinderTests
{
    [Theory]
    [InlineData("import pickle\npickle.load(f)", "pickle.load")]
    [InlineData("pickle.loads(b)", "pickle.loads")]
    [InlineData("pickle.Unpickler(f).load()", "pickle.Unpickler")]
    [InlineData("import _pickle\n_pickle.loads(b)", "_pickle.loads")]
    [InlineData("import cPickle\ncPickle.load(f)", "cPickle.load")]
    [InlineData("import dill\ndill.loads(b)", "dill.loads")]
    [InlineData("import cloudpickle\ncloudpickle.load(f)", "cloudpickle.load")]
    [InlineData("import joblib\njoblib.load('m.joblib')", "joblib.load")]
    [InlineData("from sklearn.externals import joblib\njoblib.load(p)", "sklearn.externals.joblib.load")]
    [InlineData("import torch\ntorch.load('m.pt')", "torch.load")]
    [InlineData("torch.load('m.pt', weights_only=False)", "torch.load")]
    [InlineData("torch.load(\n    'm.pt',\n    map_location='cpu')", "torch.load")]
    [InlineData("torch.hub.load('pytorch/vision', 'resnet18')", "torch.hub.load")]
    [InlineData("torch.hub.load_state_dict_from_url(url)", "torch.hub.load_state_dict_from_url")]
    [InlineData("import numpy as np\nnp.load('a.npy', allow_pickle=True)", "numpy.load")]
    [InlineData("numpy.load(f, mmap_mode=None, allow_pickle = True)", "numpy.load")]
    [InlineData("import pandas as pd\npd.read_pickle('f.pkl')", "pandas.read_pickle")]
    [InlineData("pandas.io.pickle.read_pickle('f.pkl')", "pandas.io.pickle.read_pickle")]
    [InlineData("import shelve\ndb = shelve.open('cache')", "shelve.open")]
    [InlineData("import jsonpickle\njsonpickle.decode(s)", "jsonpickle.decode")]
    [InlineData("import marshal\nmarshal.loads(code)", "marshal.loads")]
    [InlineData("import pickle as pk\npk.load(f)", "pickle.load")]
    [InlineData("from pickle import loads as l\nl(b)", "pickle.loads")]
    [InlineData("from joblib import (dump,\n    load)\nload(p)", "joblib.load")]
    [InlineData("import torch as t; t.load(p)", "torch.load")]
    [InlineData("x = pickle . load (f)", "pickle.load")]
    public void Load_is_found(string source, string callable)
    {
        var load = Assert.Single(PythonPickleLoadFinder.Find(source));
        Assert.Equal(callable, load.Callable);
    }

    [Theory]
    [InlineData("# pickle.load(f)")]
    [InlineData("print('pickle.load(f)')")]
    [InlineData("s = \"\"\"\npickle.loads(b)\n\"\"\"")]
    [InlineData("s = r'torch.load(\\'x\\')'")]
    [InlineData("torch.load(p, weights_only=True)")]
    [InlineData("torch.load(p, map_location='cpu', weights_only = True)")]
    [InlineData("np.load('a.npy')")]
    [InlineData("numpy.load('a.npy', allow_pickle=False)")]
    [InlineData("json.loads(s)")]
    [InlineData("yaml.safe_load(s)")]
    [InlineData("obj.pickle.load(f)")]
    [InlineData("mypickle.load(f)")]
    [InlineData("pickle.dumps(obj)")]
    [InlineData("def load(f):\n    return f.read()\nload(f)")]
    [InlineData("import pickle\n")]
    [InlineData("safetensors.torch.load_file('m.safetensors')")]
    public void Nothing_is_found(string source) => Assert.Empty(PythonPickleLoadFinder.Find(source));

    [Fact]
    public void Offsets_point_at_the_name_in_the_original_text()
    {
        const string source = "import pickle  # 'quoted'\ndata = pickle.loads(blob)\n";
        var load = PythonPickleLoadFinder.Find(source).Single();
        Assert.Equal("pickle.loads", source.Substring(load.Start, load.Length));
        Assert.Equal("blob", source.Substring(load.ArgumentsStart, load.ArgumentsEnd - load.ArgumentsStart));
    }

    [Fact]
    public void Blanking_keeps_length_and_line_breaks()
    {
        const string source = "a = 'x#y' # c\nb = \"\"\"l1\nl2\"\"\"\n";
        string blanked = PythonSourceBlanker.Blank(source);
        Assert.Equal(source.Length, blanked.Length);
        Assert.Equal(source.Count(c => c == '\n'), blanked.Count(c => c == '\n'));
        Assert.DoesNotContain("x#y", blanked);
        Assert.DoesNotContain("c", blanked.Split('\n')[0].Substring(10));
        Assert.StartsWith("a = '   '", blanked);
    }
}
