using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerSpace.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndexScansByReceivedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Scans_PartnerId_ReceivedAt",
                table: "Scans",
                columns: new[] { "PartnerId", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Scans_PartnerId_ReceivedAt",
                table: "Scans");
        }
    }
}
