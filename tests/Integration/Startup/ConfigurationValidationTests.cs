using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Switchboard.Domain.Access;
using Switchboard.Portal.Auth;

namespace Switchboard.IntegrationTests.Startup;

public sealed class ConfigurationValidationTests
{
    [Fact]
    public void NoAuthority_OutsideDevelopment_FailsNamingTheSetting()
    {
        var result = Validate(Valid(), Environments.Production);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Authentication:Oidc:Authority is required", StringComparison.Ordinal));
    }

    [Fact]
    public void NoAuthority_InDevelopment_IsTheDevelopmentSignIn() =>
        Assert.True(Validate(Valid(), Environments.Development).Succeeded);

    [Fact]
    public void Authority_WithoutClientIdAndAsRelativeUrl_ReportsBothProblemsAtOnce()
    {
        var options = Valid();
        options.Oidc.Authority = "login.example.test";

        var result = Validate(options, Environments.Production);

        Assert.Contains(result.Failures!, f => f.Contains("Authentication:Oidc:Authority must be an absolute URL", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Authentication:Oidc:ClientId is required", StringComparison.Ordinal));
    }

    [Fact]
    public void EmptyRoleMapping_Fails()
    {
        var options = Valid();
        options.RoleMapping.Clear();

        var result = Validate(options, Environments.Development);

        Assert.Contains(result.Failures!, f => f.StartsWith("Authentication:RoleMapping", StringComparison.Ordinal));
    }

    [Fact]
    public void CompleteOidcSettings_Pass()
    {
        var options = Valid();
        options.Oidc.Authority = "https://login.example.test/realms/acme";
        options.Oidc.ClientId = "switchboard";

        Assert.True(Validate(options, Environments.Production).Succeeded);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void HttpAuthority_PassesOnlyWithoutHttpsMetadata(bool requireHttpsMetadata, bool passes)
    {
        var options = Valid();
        options.Oidc.Authority = "http://localhost:8080/realms/acme";
        options.Oidc.ClientId = "switchboard";
        options.Oidc.RequireHttpsMetadata = requireHttpsMetadata;

        var result = Validate(options, Environments.Production);

        Assert.Equal(passes, result.Succeeded);
        if (!passes)
        {
            Assert.Contains(result.Failures!, f => f.StartsWith("Authentication:Oidc:Authority must be an https:// URL", StringComparison.Ordinal));
        }
    }

    private static PortalAuthenticationOptions Valid() => new()
    {
        RoleMapping = new() { [PortalRole.Admin] = ["switchboard-admins"] },
    };

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(PortalAuthenticationOptions options, string environment) =>
        new PortalAuthenticationOptionsValidator(new Environment(environment)).Validate(null, options);

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Switchboard";
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
