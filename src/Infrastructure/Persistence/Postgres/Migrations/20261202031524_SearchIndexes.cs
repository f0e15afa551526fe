using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_RecipientEmail",
                table: "OutboxMessages",
                column: "RecipientEmail");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_RecipientUsername",
                table: "OutboxMessages",
                column: "RecipientUsername");

            migrationBuilder.CreateIndex(
                name: "IX_BridgeCalls_PostId",
                table: "BridgeCalls",
                column: "PostId");

            migrationBuilder.CreateIndex(
                name: "IX_BridgeCalls_TicketId",
                table: "BridgeCalls",
                column: "TicketId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_RecipientEmail",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_RecipientUsername",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_BridgeCalls_PostId",
                table: "BridgeCalls");

            migrationBuilder.DropIndex(
                name: "IX_BridgeCalls_TicketId",
                table: "BridgeCalls");
        }
    }
}
