#include "Paging.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace benchtop::server {

void SqlConditions::add(const QString &clause, const QVariantList &values)
{
    clauses.append(clause);
    bindings.append(values);
}

void SqlConditions::addIn(const QString &expression, const QStringList &values)
{
    QStringList marks;
    for (const QString &value : values) {
        marks.append(u"?"_s);
        bindings.append(value);
    }
    clauses.append(expression + u" IN ("_s + marks.join(u", "_s) + u')');
}

QString SqlConditions::whereSql() const
{
    return clauses.isEmpty() ? QString() : u" WHERE "_s + clauses.join(u" AND "_s);
}

void PageRequest::constrain(SqlConditions *where, const QString &idExpression) const
{
    if (!after)
        return;
    const QString op = descending ? u"<"_s : u">"_s;
    where->add(u"(%1 %2 ? OR (%1 = ? AND %3 %2 ?))"_s.arg(sort.expression, op, idExpression),
               {after->first, after->first, after->second});
}

QString PageRequest::orderAndLimitSql(const QString &idExpression) const
{
    const QString direction = descending ? u"DESC"_s : u"ASC"_s;
    return u" ORDER BY %1 %2, %3 %2 LIMIT %4"_s.arg(sort.expression, direction, idExpression)
        .arg(pageSize + 1);
}

QString PageRequest::tokenAfter(const QString &sortValue, const QString &id) const
{
    const QJsonObject token{{u"s"_s, QString(sort.apiName + (descending ? u":desc"_s : u":asc"_s))},
                            {u"v"_s, sortValue},
                            {u"i"_s, id}};
    return QString::fromLatin1(
        QJsonDocument(token)
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<PageRequest> parsePageRequest(const QUrlQuery &query, const QList<SortOption> &sorts,
                                            const QString &defaultSort, QString *error)
{
    PageRequest page;
    if (query.hasQueryItem(u"pageSize"_s)) {
        bool ok = false;
        page.pageSize = query.queryItemValue(u"pageSize"_s, QUrl::FullyDecoded).toInt(&ok);
        if (!ok || page.pageSize < 1 || page.pageSize > 100) {
            *error = u"pageSize must be a whole number from 1 to 100."_s;
            return std::nullopt;
        }
    }
    QString sortText = query.queryItemValue(u"sort"_s, QUrl::FullyDecoded);
    if (sortText.isEmpty())
        sortText = defaultSort;
    const QString sortName = sortText.section(u':', 0, 0);
    const QString direction = sortText.section(u':', 1);
    const auto found = std::find_if(sorts.begin(), sorts.end(),
                                    [&](const SortOption &s) { return s.apiName == sortName; });
    if (found == sorts.end() ||
        !(direction.isEmpty() || direction == u"asc"_s || direction == u"desc"_s)) {
        QStringList names;
        for (const SortOption &s : sorts)
            names.append(s.apiName);
        *error = u"Invalid sort \"%1\". Valid sorts are %2, optionally with :asc or :desc."_s.arg(
            sortText, names.join(u", "_s));
        return std::nullopt;
    }
    page.sort = *found;
    // Benchling sorts timestamps newest first unless told otherwise, names A to Z.
    const bool timeSort = sortName.endsWith(u"At"_s);
    page.descending = direction.isEmpty() ? timeSort : direction == u"desc"_s;

    const QString token = query.queryItemValue(u"nextToken"_s, QUrl::FullyDecoded);
    if (!token.isEmpty()) {
        const auto raw = QByteArray::fromBase64Encoding(
            token.toLatin1(),
            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        const QJsonObject object = raw ? QJsonDocument::fromJson(*raw).object() : QJsonObject();
        const QString expected = page.sort.apiName + (page.descending ? u":desc"_s : u":asc"_s);
        if (object.value(u"s"_s).toString() != expected || !object.value(u"i"_s).isString()) {
            *error = u"Invalid nextToken: it does not belong to this listing and sort. Start "
                     "again from the first page."_s;
            return std::nullopt;
        }
        page.after =
            std::make_pair(object.value(u"v"_s).toString(), object.value(u"i"_s).toString());
    }
    return page;
}

QStringList splitList(const QString &value)
{
    QStringList items;
    for (const QString &item : value.split(u','))
        if (const QString trimmed = item.trimmed(); !trimmed.isEmpty())
            items.append(trimmed);
    return items;
}

bool addDateRange(SqlConditions *where, const QString &column, const QString &value, QString *error)
{
    for (const QString &part : value.split(u" AND "_s, Qt::SkipEmptyParts)) {
        const QString term = part.trimmed();
        const QChar op = term.isEmpty() ? QChar() : term.front();
        const QString when = term.mid(1).trimmed();
        QDateTime at = QDateTime::fromString(when, Qt::ISODateWithMs);
        if (at.isValid() && at.timeSpec() == Qt::LocalTime)
            at.setTimeSpec(Qt::UTC); // the API's time zone defaults to UTC
        if (!at.isValid()) {
            const QDate day = QDate::fromString(when, Qt::ISODate);
            at = day.isValid() ? day.startOfDay(Qt::UTC) : QDateTime();
        }
        if ((op != u'>' && op != u'<') || !at.isValid()) {
            *error = u"Invalid date filter \"%1\": use \"> 2022-03-01\", \"< 2022-03-01\" or "
                     "\"> 2022-03-01 AND < 2022-04-01\" (RFC 3339 dates)."_s.arg(value);
            return false;
        }
        where->add(u"%1 %2 ?"_s.arg(column, op), {at.toUTC().toString(Qt::ISODateWithMs)});
    }
    return true;
}

} // namespace benchtop::server
