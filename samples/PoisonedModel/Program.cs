System.Console.WriteLine("This program never builds: models/model.bin carries os.system and the build stops on it.");
