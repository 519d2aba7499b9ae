// The one extension API v2 lacks: writing an entry's body (its days of notes) with
// PUT /entries/{entry_id}/days, and a template's with PUT /entry-templates/{id}/days
// (docs/api-extensions.md). Every note part is checked against the spec's EntryNotePart shapes
// on the way in; links must name resources that exist and external files uploaded blobs.
#include "EntryIndex.h"
#include "Notes.h"
#include "Routes.h"

#include "server/BlobRoutes.h"

#include <QDate>
#include <QJsonArray>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace benchtop::server::notebook {

namespace {

const QStringList kLinkTypes{
    u"link"_s,        u"user"_s,         u"request"_s,  u"entry"_s,
    u"stage_entry"_s, u"protocol"_s,     u"workflow"_s, u"custom_entity"_s,
    u"aa_sequence"_s, u"dna_sequence"_s, u"batch"_s,    u"box"_s,
    u"container"_s,   u"location"_s,     u"plate"_s,    u"insights_dashboard"_s,
    u"folder"_s,      u"sql_dashboard"_s};

const QStringList kWritableNoteTypes{u"text"_s,        u"code"_s,          u"list_bullet"_s,
                                     u"list_number"_s, u"list_checkbox"_s, u"table"_s,
                                     u"text_box"_s,    u"external_file"_s};

class NoteChecker
{
public:
    explicit NoteChecker(ServerContext &server)
        : m_server(server)
    {}

    // Checks `days` (EntryDay, or EntryTemplateDay if `templateDays`) into their stored form.
    std::optional<ApiFailure> days(const QJsonValue &value, bool templateDays, QJsonArray *out)
    {
        if (!value.isArray())
            return ApiFailure::badRequest(u"Field 'days' must be an array of days."_s);
        const QJsonArray days = value.toArray();
        for (qsizetype d = 0; d < days.size(); ++d) {
            const QString where = u"days[%1]"_s.arg(d);
            if (!days[d].isObject())
                return ApiFailure::badRequest(where + u" must be an object."_s);
            JsonBody day(days[d].toObject(), where);
            QJsonObject stored;
            if (templateDays) {
                day.allowOnly({u"day"_s, u"title"_s, u"notes"_s}).require({u"day"_s});
                const auto index = day.integer(u"day"_s);
                if (day.ok() && (!index || *index < 0))
                    day.fail(u"Field 'day' must be a whole number of 0 or more."_s);
                stored.insert(u"day"_s, index.value_or(0));
            } else {
                day.allowOnly({u"date"_s, u"title"_s, u"notes"_s}).require({u"date"_s});
                const QString date = day.string(u"date"_s);
                if (day.ok() && !QDate::fromString(date, Qt::ISODate).isValid())
                    day.fail(
                        u"Field 'date' must be a date such as 2026-03-01, not \"%1\"."_s.arg(date));
                stored.insert(u"date"_s, date);
            }
            const auto title = day.optionalString(u"title"_s);
            stored.insert(u"title"_s, title ? QJsonValue(*title) : QJsonValue(QJsonValue::Null));
            const QJsonArray notes = day.array(u"notes"_s);
            if (!day.ok())
                return day.failure();
            QJsonArray storedNotes;
            for (qsizetype n = 0; n < notes.size(); ++n) {
                QJsonObject note;
                if (auto failure = this->note(notes[n], where + u".notes[%1]"_s.arg(n), &note))
                    return failure;
                storedNotes.append(note);
            }
            stored.insert(u"notes"_s, storedNotes);
            out->append(stored);
        }
        return std::nullopt;
    }

private:
    std::optional<ApiFailure> note(const QJsonValue &value, const QString &where, QJsonObject *out)
    {
        if (!value.isObject())
            return ApiFailure::badRequest(where + u" must be an object."_s);
        JsonBody part(value.toObject(), where);
        part.require({u"type"_s});
        const QString type = part.string(u"type"_s);
        if (!part.ok())
            return part.failure();
        if (!kWritableNoteTypes.contains(type)) {
            return ApiFailure::badRequest(
                u"%1: note type \"%2\" cannot be written here; the types are %3."_s.arg(
                    where, type, kWritableNoteTypes.join(u", "_s)));
        }
        QStringList allowed{u"type"_s, u"indentation"_s, u"text"_s, u"links"_s};
        if (type == u"list_checkbox"_s)
            allowed.append(u"checked"_s);
        else if (type == u"table"_s)
            allowed.append(u"table"_s);
        else if (type == u"text_box"_s)
            allowed.append(u"name"_s);
        else if (type == u"external_file"_s)
            allowed.append(u"externalFileId"_s);
        part.allowOnly(allowed);
        if (type == u"table"_s)
            part.require({u"table"_s});
        if (type == u"external_file"_s)
            part.require({u"externalFileId"_s});
        const auto indentation = part.integer(u"indentation"_s);
        out->insert(u"type"_s, type);
        out->insert(u"indentation"_s, indentation.value_or(0));
        out->insert(u"text"_s, part.string(u"text"_s));
        if (part.ok() && indentation && *indentation < 0)
            part.fail(u"Field 'indentation' must be 0 or more."_s);
        if (type == u"list_checkbox"_s)
            out->insert(u"checked"_s, part.boolean(u"checked"_s));
        if (type == u"text_box"_s)
            out->insert(u"name"_s, part.string(u"name"_s));
        const QJsonArray links = part.array(u"links"_s);
        QJsonObject table;
        if (type == u"table"_s)
            table = part.object(u"table"_s);
        const QString fileId = part.string(u"externalFileId"_s);
        if (!part.ok())
            return part.failure();
        QJsonArray storedLinks;
        for (qsizetype i = 0; i < links.size(); ++i) {
            QJsonObject link;
            if (auto failure = this->link(links[i], where + u".links[%1]"_s.arg(i), &link))
                return failure;
            storedLinks.append(link);
        }
        out->insert(u"links"_s, storedLinks);
        if (type == u"table"_s) {
            QJsonObject storedTable;
            if (auto failure = this->table(table, where + u".table"_s, &storedTable))
                return failure;
            out->insert(u"table"_s, storedTable);
        }
        if (type == u"external_file"_s) {
            const auto blob = findBlob(m_server.db, fileId);
            if (!blob || blob->uploadStatus != u"COMPLETE"_s) {
                return ApiFailure::badRequest(
                    u"%1: externalFileId %2 names no uploaded blob; upload the file with POST "
                    "/blobs first."_s.arg(where, fileId),
                    fileId);
            }
            out->insert(u"externalFileId"_s, fileId);
        }
        return std::nullopt;
    }

    std::optional<ApiFailure> table(const QJsonObject &object, const QString &where,
                                    QJsonObject *out)
    {
        JsonBody table(object, where);
        table.allowOnly({u"name"_s, u"columnLabels"_s, u"rows"_s});
        out->insert(u"name"_s, table.string(u"name"_s, u"Table1"_s));
        const QJsonArray labels = table.array(u"columnLabels"_s);
        const QJsonArray rows = table.array(u"rows"_s);
        if (!table.ok())
            return table.failure();
        for (qsizetype i = 0; i < labels.size(); ++i) {
            if (!labels[i].isString() && !labels[i].isNull())
                return ApiFailure::badRequest(
                    u"%1.columnLabels[%2] must be a string or null."_s.arg(where).arg(i));
        }
        qsizetype width = labels.isEmpty() ? -1 : labels.size();
        QJsonArray storedRows;
        for (qsizetype r = 0; r < rows.size(); ++r) {
            const QString rowWhere = u"%1.rows[%2]"_s.arg(where).arg(r);
            if (!rows[r].isObject())
                return ApiFailure::badRequest(rowWhere + u" must be an object."_s);
            JsonBody row(rows[r].toObject(), rowWhere);
            row.allowOnly({u"cells"_s}).require({u"cells"_s});
            const QJsonArray cells = row.array(u"cells"_s);
            if (!row.ok())
                return row.failure();
            if (width >= 0 && cells.size() != width) {
                return ApiFailure::badRequest(
                    u"%1 has %2 cells; the table has %3 columns."_s.arg(rowWhere)
                        .arg(cells.size())
                        .arg(width));
            }
            width = cells.size();
            QJsonArray storedCells;
            for (qsizetype c = 0; c < cells.size(); ++c) {
                const QString cellWhere = u"%1.cells[%2]"_s.arg(rowWhere).arg(c);
                if (!cells[c].isObject())
                    return ApiFailure::badRequest(cellWhere + u" must be an object."_s);
                JsonBody cell(cells[c].toObject(), cellWhere);
                cell.allowOnly({u"text"_s, u"link"_s});
                QJsonObject storedCell{{u"text"_s, cell.string(u"text"_s)}};
                const bool hasLink = cell.has(u"link"_s);
                const QJsonObject link = cell.object(u"link"_s);
                if (!cell.ok())
                    return cell.failure();
                if (hasLink) {
                    QJsonObject storedLink;
                    if (auto failure = this->link(link, cellWhere + u".link"_s, &storedLink))
                        return failure;
                    storedCell.insert(u"link"_s, storedLink);
                }
                storedCells.append(storedCell);
            }
            storedRows.append(QJsonObject{{u"cells"_s, storedCells}});
        }
        out->insert(u"columnLabels"_s, labels);
        out->insert(u"rows"_s, storedRows);
        return std::nullopt;
    }

    std::optional<ApiFailure> link(const QJsonValue &value, const QString &where, QJsonObject *out)
    {
        if (!value.isObject())
            return ApiFailure::badRequest(where + u" must be an object."_s);
        JsonBody link(value.toObject(), where);
        link.allowOnly({u"type"_s, u"id"_s, u"webURL"_s}).require({u"type"_s});
        const QString type = link.oneOf(u"type"_s, kLinkTypes);
        const QString id = link.string(u"id"_s);
        const auto url = link.optionalString(u"webURL"_s);
        if (!link.ok())
            return link.failure();
        out->insert(u"type"_s, type);
        if (type == u"link"_s) {
            const QUrl parsed(url.value_or(QString()), QUrl::StrictMode);
            if (!url || !parsed.isValid() ||
                (parsed.scheme() != u"http"_s && parsed.scheme() != u"https"_s) ||
                parsed.host().isEmpty()) {
                return ApiFailure::badRequest(
                    u"%1: a hyperlink needs a 'webURL' starting with http:// or https://."_s.arg(
                        where));
            }
            if (link.has(u"id"_s))
                return ApiFailure::badRequest(u"%1: a hyperlink has no 'id'."_s.arg(where));
            out->insert(u"webURL"_s, *url);
            return std::nullopt;
        }
        // A link to a resource: it must exist and be of that type. Its webURL is the server's
        // to give (on reading), so one sent back from a read is accepted and dropped.
        if (id.isEmpty())
            return ApiFailure::badRequest(
                u"%1: a %2 link needs the 'id' of the %2."_s.arg(where, type));
        if (!linkCollections().contains(type)) {
            return ApiFailure::badRequest(
                u"%1: this server has no %2 resources to link to."_s.arg(where, type));
        }
        bool found = false;
        if (type == u"user"_s) {
            found = m_server.db.exec(u"SELECT 1 FROM users WHERE id = ?"_s, {id}).next();
        } else {
            found = m_server.resources.find(type, id).has_value();
        }
        if (!found)
            return ApiFailure::badRequest(u"%1: no %2 has the id %3."_s.arg(where, type, id), id);
        out->insert(u"id"_s, id);
        return std::nullopt;
    }

    ServerContext &m_server;
};

} // namespace

// PUT /entries/{entry_id}/days and PUT /entry-templates/{entry_template_id}/days.
http::HttpResponse writeDays(ServerContext &server, const ResourceType &type,
                             const RequestContext &context, bool templateDays)
{
    const QString id = context.param(type.idParam);
    auto row = server.resources.find(type.kind, id);
    if (!row)
        return notFound(u"No %1 has the id %2."_s.arg(type.noun, id), id);
    JsonBody body(context.request.body);
    body.allowOnly({u"days"_s, u"modifiedAt"_s}).require({u"days"_s});
    const auto modifiedAt = body.optionalString(u"modifiedAt"_s);
    if (!body.ok())
        return body.failure()->response();
    if (modifiedAt && *modifiedAt != row->modifiedAt) {
        return apiError(409, u"invalid_request_error"_s,
                        u"%1 was modified at %2, after the version you edited (modifiedAt %3). "
                        "Nothing was saved: read it again and reapply your change."_s.arg(
                            id, row->modifiedAt, *modifiedAt),
                        id);
    }
    if (row->isArchived()) {
        return apiError(400, u"invalid_request_error"_s,
                        u"%1 is archived; unarchive it before editing its notes."_s.arg(id), id);
    }
    QJsonArray days;
    if (auto failure =
            NoteChecker(server).days(body.object().value(u"days"_s), templateDays, &days))
        return failure->response();
    row->data.insert(u"days"_s, days);
    if (auto failure = server.resources.update(*row))
        return failure->response();
    if (!templateDays && !indexEntry(server.db, id, row->data))
        return internalError();
    return jsonResponse(200, resource_ops::freshJson(server, type, context, id));
}

} // namespace benchtop::server::notebook
