using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerSpace.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndexSecurityEventsForSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SecurityEvents_EventId_Action_At",
                table: "SecurityEvents",
                columns: new[] { "EventId", "Action", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SecurityEvents_EventId_PartnerId_At",
                table: "SecurityEvents",
                columns: new[] { "EventId", "PartnerId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SecurityEvents_EventId_Action_At",
                table: "SecurityEvents");

            migrationBuilder.DropIndex(
                name: "IX_SecurityEvents_EventId_PartnerId_At",
                table: "SecurityEvents");
        }
    }
}
