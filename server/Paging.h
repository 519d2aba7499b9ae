// List endpoints share one paging scheme: `pageSize` (1..100, default 50), an opaque `nextToken`,
// and `sort` ("name", "name:desc", ...). Paging is keyset-based on (sort value, id), so a row
// added or removed between two pages neither repeats nor skips another row.
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <QUrlQuery>
#include <QVariantList>

#include <optional>

namespace benchtop::server {

// Builds a WHERE clause from pieces, keeping the bindings in step with the placeholders.
struct SqlConditions
{
    QStringList clauses;
    QVariantList bindings;

    void add(const QString &clause, const QVariantList &values = {});
    // "x IN (?, ?, ?)" for a list of values.
    void addIn(const QString &expression, const QStringList &values);
    QString whereSql() const;
};

struct SortOption
{
    QString apiName;    // "name"
    QString expression; // SQL that yields a non-null text value, e.g. "l.name"
};

struct PageRequest
{
    int pageSize = 50;
    SortOption sort;
    bool descending = false;
    std::optional<std::pair<QString, QString>> after; // (sort value, id) of the last row seen

    // Adds the keyset condition for `after` (with the row id expression `idExpression`).
    void constrain(SqlConditions *where, const QString &idExpression) const;
    // "ORDER BY ... LIMIT n+1": one extra row tells whether another page exists.
    QString orderAndLimitSql(const QString &idExpression) const;
    QString tokenAfter(const QString &sortValue, const QString &id) const;
};

// Reads pageSize, nextToken and sort. `defaultSort` is e.g. "modifiedAt:desc". Returns nullopt
// with *error set to a message for the 400 answer.
std::optional<PageRequest> parsePageRequest(const QUrlQuery &query, const QList<SortOption> &sorts,
                                            const QString &defaultSort, QString *error);

// Comma-separated query values ("a, b,c") as a trimmed list without empty items.
QStringList splitList(const QString &value);

// Adds a createdAt/modifiedAt style range filter ("> 2022-03-01 AND < 2022-04-01").
bool addDateRange(SqlConditions *where, const QString &column, const QString &value,
                  QString *error);

} // namespace benchtop::server
