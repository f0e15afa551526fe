using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TokenRunsAcrossInstances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CancelRequestedBy",
                table: "TokenRuns",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Planned",
                table: "TokenRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CancelRequestedBy",
                table: "TokenRuns");

            migrationBuilder.DropColumn(
                name: "Planned",
                table: "TokenRuns");
        }
    }
}
