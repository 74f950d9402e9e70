using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerSpace.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class MakePartnerNamesUniquePerEvent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Partners_EventId_Name",
                table: "Partners");

            migrationBuilder.CreateIndex(
                name: "IX_Partners_EventId_Name",
                table: "Partners",
                columns: new[] { "EventId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Partners_EventId_Name",
                table: "Partners");

            migrationBuilder.CreateIndex(
                name: "IX_Partners_EventId_Name",
                table: "Partners",
                columns: new[] { "EventId", "Name" });
        }
    }
}
