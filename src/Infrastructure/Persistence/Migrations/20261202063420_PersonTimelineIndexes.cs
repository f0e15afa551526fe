using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Switchboard.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PersonTimelineIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_RecipientEmail",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_RecipientUsername",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_EntityEvents_Identity_Id",
                table: "EntityEvents");

            migrationBuilder.CreateIndex(
                name: "IX_People_MattermostUserId",
                table: "People",
                column: "MattermostUserId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_RecipientEmail_CreatedAt_Id",
                table: "OutboxMessages",
                columns: new[] { "RecipientEmail", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_RecipientUsername_CreatedAt_Id",
                table: "OutboxMessages",
                columns: new[] { "RecipientUsername", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_EntityEvents_Identity_ReceivedAt_Id",
                table: "EntityEvents",
                columns: new[] { "Identity", "ReceivedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BridgeCalls_UserId_ReceivedAt",
                table: "BridgeCalls",
                columns: new[] { "UserId", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_MattermostUserId",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_RecipientEmail_CreatedAt_Id",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_RecipientUsername_CreatedAt_Id",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_EntityEvents_Identity_ReceivedAt_Id",
                table: "EntityEvents");

            migrationBuilder.DropIndex(
                name: "IX_BridgeCalls_UserId_ReceivedAt",
                table: "BridgeCalls");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_RecipientEmail",
                table: "OutboxMessages",
                column: "RecipientEmail");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_RecipientUsername",
                table: "OutboxMessages",
                column: "RecipientUsername");

            migrationBuilder.CreateIndex(
                name: "IX_EntityEvents_Identity_Id",
                table: "EntityEvents",
                columns: new[] { "Identity", "Id" });
        }
    }
}
