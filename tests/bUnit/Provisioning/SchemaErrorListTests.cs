using Bunit;
using Switchboard.Infrastructure.Provisioning;
using Switchboard.Portal.Features.Provisioning;

namespace Switchboard.ComponentTests.Provisioning;

public sealed class SchemaErrorListTests : ComponentTestContext
{
    private const string Create = "request.googleapps.user.create";

    [Fact]
    public void EachSchemaError_IsListedFieldByField_WithTheValueFound()
    {
        var errors = new RequestSchemas().Check(Create, """{"gram_account_uuid":"not-a-uuid","aliases":"x@gadz.org"}""");

        var list = Render<SchemaErrorList>(p => p.Add(c => c.Errors, errors).Add(c => c.RoutingKey, Create));

        var rows = list.FindAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Contains(rows, r => r[0] == "primary_email" && r[1] == "is required" && r[2] == "missing");
        Assert.Contains(rows, r => r[0] == "gram_account_uuid" && r[1].StartsWith("does not match the pattern", StringComparison.Ordinal) && r[2] == "\"not-a-uuid\"");
        Assert.Contains(rows, r => r[0] == "aliases" && r[1] == "must be an array" && r[2] == "\"x@gadz.org\"");
    }

    [Fact]
    public void AValidRequest_SaysItMatchesTheSchema()
    {
        var errors = new RequestSchemas().Check(Create, """{"gram_account_uuid":"36a7e016-a300-4f52-85f4-6804dede6c6b","primary_email":"a@gadz.org","aliases":[]}""");

        var list = Render<SchemaErrorList>(p => p.Add(c => c.Errors, errors).Add(c => c.RoutingKey, Create));

        Assert.Empty(errors);
        Assert.Contains("matches the schema", list.Markup, StringComparison.Ordinal);
    }
}
