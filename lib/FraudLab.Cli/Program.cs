using System.CommandLine;
using FraudLab.Cli;
using FraudLab.Cli.Commands;

// `fraudlab`: one entry point, one file per verb under Commands/.
var root = new RootCommand("FraudLab: real-time fraud detection with Kafka and DynamoDB, local or on AWS.")
{
    LocalCommand.Create(),
    GenerateCommand.Create(),
    ProcessCommand.Create(),
    AuditCommand.Create(),
    ReplayCommand.Create(),
    NotebooksCommand.Create(),
    StackCommand.Create(),
    BenchCommand.Create(),
    WorkshopCommand.Create(),
};

return await CommandRunner.InvokeAsync(root, args);
