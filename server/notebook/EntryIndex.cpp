// The entries' side tables (see EntryIndex.h).
#include "EntryIndex.h"

#include <QDate>
#include <QJsonArray>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace benchtop::server::notebook {

namespace {

// Every resource the notes of `days` link to: (id, type).
QList<std::pair<QString, QString>> linkedResources(const QJsonArray &days)
{
    QList<std::pair<QString, QString>> found;
    const auto add = [&found](const QJsonObject &link) {
        const QString type = link.value(u"type"_s).toString();
        if (type != u"link"_s && !link.value(u"id"_s).toString().isEmpty())
            found.append({link.value(u"id"_s).toString(), type});
    };
    for (const QJsonValue &day : days) {
        for (const QJsonValue &noteValue : day.toObject().value(u"notes"_s).toArray()) {
            const QJsonObject note = noteValue.toObject();
            for (const QJsonValue &link : note.value(u"links"_s).toArray())
                add(link.toObject());
            for (const QJsonValue &row :
                 note.value(u"table"_s).toObject().value(u"rows"_s).toArray())
                for (const QJsonValue &cell : row.toObject().value(u"cells"_s).toArray())
                    if (cell.toObject().contains(u"link"_s))
                        add(cell.toObject().value(u"link"_s).toObject());
        }
    }
    return found;
}

} // namespace

// Rewrites an entry's rows in the side tables (authors, links) from its data.
bool indexEntry(Database &db, const QString &entryId, const QJsonObject &data)
{
    bool ok =
        !db.exec(u"DELETE FROM entry_authors WHERE entry_id = ?"_s, {entryId})
             .lastError()
             .isValid() &&
        !db.exec(u"DELETE FROM entry_links WHERE entry_id = ?"_s, {entryId}).lastError().isValid();
    QSet<QString> seen;
    for (const QJsonValue &author : data.value(u"authorIds"_s).toArray()) {
        if (!seen.contains(author.toString()))
            ok = ok && !db.exec(u"INSERT INTO entry_authors (entry_id, user_id) VALUES (?, ?)"_s,
                                {entryId, author.toString()})
                            .lastError()
                            .isValid();
        seen.insert(author.toString());
    }
    seen.clear();
    for (const auto &[id, type] : linkedResources(data.value(u"days"_s).toArray())) {
        if (!seen.contains(id))
            ok = ok && !db.exec(u"INSERT INTO entry_links (entry_id, target_id, target_type) "
                                "VALUES (?, ?, ?)"_s,
                                {entryId, id, type})
                            .lastError()
                            .isValid();
        seen.insert(id);
    }
    return ok;
}

// "EXP" + two-digit year + a six-digit count, e.g. EXP26000001.
QString assignDisplayId(Database &db, const QString &entryId)
{
    const QString prefix = u"EXP"_s + QDate::currentDate().toString(u"yy"_s);
    QSqlQuery count = db.exec(u"SELECT COUNT(*) FROM entry_display_ids WHERE display_id LIKE ?"_s,
                              {QString(prefix + u'%')});
    const int next = count.next() ? count.value(0).toInt() + 1 : 1;
    const QString displayId = prefix + u"%1"_s.arg(next, 6, 10, QLatin1Char('0'));
    if (db.exec(u"INSERT INTO entry_display_ids (entry_id, display_id) VALUES (?, ?)"_s,
                {entryId, displayId})
            .lastError()
            .isValid())
        return {};
    return displayId;
}

} // namespace benchtop::server::notebook
