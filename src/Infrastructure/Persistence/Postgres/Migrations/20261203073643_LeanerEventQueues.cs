using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LeanerEventQueues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EntityEvents_DirectorySync_Id",
                table: "EntityEvents");

            migrationBuilder.DropIndex(
                name: "IX_EntityEvents_Evaluated_Id",
                table: "EntityEvents");

            migrationBuilder.CreateIndex(
                name: "IX_EntityEvents_DirectoryPending",
                table: "EntityEvents",
                column: "Id",
                filter: "\"DirectorySync\" = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_EntityEvents_Unevaluated",
                table: "EntityEvents",
                column: "Id",
                filter: "NOT \"Evaluated\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EntityEvents_DirectoryPending",
                table: "EntityEvents");

            migrationBuilder.DropIndex(
                name: "IX_EntityEvents_Unevaluated",
                table: "EntityEvents");

            migrationBuilder.CreateIndex(
                name: "IX_EntityEvents_DirectorySync_Id",
                table: "EntityEvents",
                columns: new[] { "DirectorySync", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_EntityEvents_Evaluated_Id",
                table: "EntityEvents",
                columns: new[] { "Evaluated", "Id" });
        }
    }
}
