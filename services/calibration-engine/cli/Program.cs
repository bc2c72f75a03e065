using HiringPlatform.Calibration.Cli;

return CommandLine.Run(args, Console.Out, Console.Error);
