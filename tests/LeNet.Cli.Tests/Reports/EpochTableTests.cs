using LeNet.Cli.Terminal;
using LeNet.Training;

namespace LeNet.Cli.Tests.Commands;

public sealed class EpochTableTests
{
    [Fact]
    public void A_row_fits_an_80_column_terminal_without_wrapping()
    {
        var table = new EpochTable();
        var report = new EpochReport(120, 120, 12.3456, 0.9999, null, 0.000123f, 12345.6, IsBest: true);
        Assert.True(table.Header.Length < 80, table.Header);
        Assert.True(table.Row(report).Length < 80, table.Row(report));
        Assert.EndsWith(" *", table.Row(report));
    }
}
