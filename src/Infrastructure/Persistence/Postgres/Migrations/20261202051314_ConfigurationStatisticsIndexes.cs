using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ConfigurationStatisticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_ConfigurationId_CreatedAt",
                table: "OutboxMessages",
                columns: new[] { "ConfigurationId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_ConfigurationId_CreatedAt",
                table: "OutboxMessages");
        }
    }
}
