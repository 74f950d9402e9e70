using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Query;

namespace PartnerSpace.Domain.Data;

/// <summary>
/// <c>EF.Functions.Like</c> as the services mean it, on PostgreSQL too: SQLite's LIKE ignores case
/// (ASCII), PostgreSQL's does not, so on Npgsql it becomes ILIKE. Plugins come before the
/// provider's own translators, so every search (attendees, contacts, leads, security log) keeps
/// its meaning without a change in the services (ADR 0013).
/// </summary>
internal sealed class CaseInsensitiveLikeTranslator(ISqlExpressionFactory sql) : IMethodCallTranslator
{
    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetRuntimeMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string)])!;

    private static readonly MethodInfo LikeWithEscape = typeof(DbFunctionsExtensions).GetRuntimeMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    public SqlExpression? Translate(SqlExpression? instance, MethodInfo method, IReadOnlyList<SqlExpression> arguments, IDiagnosticsLogger<DbLoggerCategory.Query> logger)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(arguments);
        if (!method.Equals(Like) && !method.Equals(LikeWithEscape))
        {
            return null;
        }

        var factory = (NpgsqlSqlExpressionFactory)sql;
        var match = arguments[1];
        var pattern = arguments[2];
        var mapping = Microsoft.EntityFrameworkCore.Query.ExpressionExtensions.InferTypeMapping(match, pattern);

        // Without an escape character PostgreSQL would still treat a backslash as one; ESCAPE ''
        // gives the other providers' meaning (as Npgsql's own LIKE translation does).
        var escape = method.Equals(LikeWithEscape) ? factory.ApplyTypeMapping(arguments[3], mapping) : factory.Constant(string.Empty);
        return factory.ILike(factory.ApplyTypeMapping(match, mapping), factory.ApplyTypeMapping(pattern, mapping), escape);
    }
}

internal sealed class CaseInsensitiveLikePlugin(ISqlExpressionFactory sql) : IMethodCallTranslatorPlugin
{
    public IEnumerable<IMethodCallTranslator> Translators { get; } = [new CaseInsensitiveLikeTranslator(sql)];
}

/// <summary>Registers <see cref="CaseInsensitiveLikePlugin"/> in the context's internal services.</summary>
internal sealed class PartnerSpacePostgresExtension : IDbContextOptionsExtension
{
    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) =>
        new EntityFrameworkRelationalServicesBuilder(services).TryAdd<IMethodCallTranslatorPlugin, CaseInsensitiveLikePlugin>();

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "using PartnerSpace's case-insensitive LIKE ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["PartnerSpace:CaseInsensitiveLike"] = "1";
    }
}
