// Exports: Benchling answers POST /exports with a task whose response links a ZIP of the PDF on
// S3. This server renders the PDF itself (a plain text layout, see renderEntryPdf), stores it as
// a completed blob (so it is listed and downloaded like any other) and answers the signed
// download URL of that blob; the download is the PDF, not a ZIP around it.
#include "ExportRoutes.h"

#include "ApiError.h"
#include "BlobRoutes.h"
#include "Ids.h"
#include "JsonBody.h"
#include "NotebookRoutes.h"
#include "Tasks.h"
#include "storage/Database.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace benchtop::server {

namespace {

// A4 in points, with 50 pt margins.
constexpr int kPageWidth = 595;
constexpr int kPageHeight = 842;
constexpr int kMargin = 50;

enum class Font { Regular, Bold, Mono };

struct Line
{
    Font font = Font::Regular;
    int size = 10;
    int indent = 0; // points
    QString text;
    int spaceBefore = 0;
};

// PDF string literal in WinAnsi (Latin-1 for what it holds; other characters become close ASCII).
QByteArray pdfString(const QString &text)
{
    QByteArray out = "(";
    for (QChar c : text) {
        ushort u = c.unicode();
        if (u == 0x2212 || u == 0x2013 || u == 0x2014)
            u = '-';
        else if (u == 0x2192)
            u = '>';
        else if (u == 0x2018 || u == 0x2019)
            u = '\'';
        else if (u == 0x201C || u == 0x201D)
            u = '"';
        else if (u == 0x2022)
            u = 0x95; // WinAnsi bullet
        else if (u > 0xFF || u < 0x20)
            u = '?';
        if (u == '(' || u == ')' || u == '\\')
            out += '\\';
        out += char(u);
    }
    return out + ")";
}

// Wraps `text` to about `columns` characters (Helvetica at 10 pt: ~95 per line of the page).
QStringList wrap(const QString &text, int columns)
{
    QStringList lines;
    for (const QString &paragraph : text.split(u'\n')) {
        QString current;
        for (const QString &word : paragraph.split(u' ')) {
            if (!current.isEmpty() && current.size() + 1 + word.size() > columns) {
                lines.append(current);
                current.clear();
            }
            current += current.isEmpty() ? word : QString(u' ' + word);
        }
        lines.append(current);
    }
    return lines;
}

class PdfBuilder
{
public:
    void add(const Line &line) { m_lines.append(line); }
    void addWrapped(Font font, int size, int indent, const QString &text, int spaceBefore = 0)
    {
        const int columns = std::max(20, (kPageWidth - 2 * kMargin - indent) * 19 / (size * 10));
        bool first = true;
        for (const QString &part : wrap(text, columns)) {
            add({font, size, indent, part, first ? spaceBefore : 0});
            first = false;
        }
    }

    QByteArray finish() const
    {
        // Lay the lines out on pages.
        QList<QByteArray> pages;
        QByteArray content;
        int y = kPageHeight - kMargin;
        for (const Line &line : m_lines) {
            const int height = line.size + 4 + line.spaceBefore;
            if (y - height < kMargin && !content.isEmpty()) {
                pages.append(content);
                content.clear();
                y = kPageHeight - kMargin;
            }
            y -= height;
            const char *font = line.font == Font::Bold   ? "/F2"
                               : line.font == Font::Mono ? "/F3"
                                                         : "/F1";
            content += "BT " + QByteArray(font) + ' ' + QByteArray::number(line.size) + " Tf " +
                       QByteArray::number(kMargin + line.indent) + ' ' + QByteArray::number(y) +
                       " Td " + pdfString(line.text) + " Tj ET\n";
        }
        pages.append(content);

        // Objects: 1 catalog, 2 page tree, 3-5 fonts, then a page and its content per page.
        QList<QByteArray> objects;
        objects.append("<< /Type /Catalog /Pages 2 0 R >>");
        QByteArray kids;
        for (int i = 0; i < pages.size(); ++i)
            kids += QByteArray::number(6 + 2 * i) + " 0 R ";
        objects.append("<< /Type /Pages /Kids [" + kids + "] /Count " +
                       QByteArray::number(pages.size()) + " >>");
        for (const char *base : {"Helvetica", "Helvetica-Bold", "Courier"})
            objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /" + QByteArray(base) +
                           " /Encoding /WinAnsiEncoding >>");
        for (int i = 0; i < pages.size(); ++i) {
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " +
                           QByteArray::number(kPageWidth) + ' ' + QByteArray::number(kPageHeight) +
                           "] /Resources << /Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >> >> "
                           "/Contents " +
                           QByteArray::number(7 + 2 * i) + " 0 R >>");
            objects.append("<< /Length " + QByteArray::number(pages[i].size()) + " >>\nstream\n" +
                           pages[i] + "endstream");
        }
        QByteArray pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
        QList<qsizetype> offsets;
        for (int i = 0; i < objects.size(); ++i) {
            offsets.append(pdf.size());
            pdf += QByteArray::number(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
        }
        const qsizetype xref = pdf.size();
        pdf += "xref\n0 " + QByteArray::number(objects.size() + 1) + "\n0000000000 65535 f \n";
        for (qsizetype offset : offsets)
            pdf += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
        pdf += "trailer\n<< /Size " + QByteArray::number(objects.size() + 1) +
               " /Root 1 0 R >>\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n";
        return pdf;
    }

private:
    QList<Line> m_lines;
};

QString linksText(const QJsonArray &links,
                  const std::function<QString(const QJsonObject &)> &linkName)
{
    QStringList names;
    for (const QJsonValue &value : links) {
        const QJsonObject link = value.toObject();
        if (link.value(u"type"_s).toString() == u"link"_s) {
            names.append(link.value(u"webURL"_s).toString());
            continue;
        }
        const QString name = linkName ? linkName(link) : QString();
        names.append(name.isEmpty() ? link.value(u"id"_s).toString() : name);
    }
    return names.isEmpty() ? QString() : QString(u"  [> "_s + names.join(u", "_s) + u']');
}

} // namespace

QByteArray renderEntryPdf(const QJsonObject &entry,
                          const std::function<QString(const QJsonObject &link)> &linkName)
{
    PdfBuilder pdf;
    pdf.addWrapped(Font::Bold, 16, 0, entry.value(u"name"_s).toString());
    QStringList authors;
    for (const QJsonValue &author : entry.value(u"authors"_s).toArray())
        authors.append(author.toObject().value(u"name"_s).toString());
    pdf.add({Font::Regular, 9, 0,
             u"%1 - authors: %2 - modified %3"_s.arg(entry.value(u"displayId"_s).toString(),
                                                     authors.join(u", "_s),
                                                     entry.value(u"modifiedAt"_s).toString()),
             4});
    const QJsonObject fields = entry.value(u"fields"_s).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const QJsonObject field = it.value().toObject();
        pdf.add({Font::Regular, 9, 0,
                 u"%1: %2"_s.arg(it.key(), field.value(u"displayValue"_s).toString()), 0});
    }
    for (const QJsonValue &dayValue : entry.value(u"days"_s).toArray()) {
        const QJsonObject day = dayValue.toObject();
        const QString title = day.value(u"title"_s).toString();
        pdf.addWrapped(Font::Bold, 12, 0,
                       title.isEmpty()
                           ? day.value(u"date"_s).toString()
                           : QString(day.value(u"date"_s).toString() + u" - "_s + title),
                       14);
        int number = 0;
        for (const QJsonValue &noteValue : day.value(u"notes"_s).toArray()) {
            const QJsonObject note = noteValue.toObject();
            const QString type = note.value(u"type"_s).toString();
            const int indent = 14 * note.value(u"indentation"_s).toInt();
            const QString text = note.value(u"text"_s).toString() +
                                 linksText(note.value(u"links"_s).toArray(), linkName);
            number = type == u"list_number"_s ? number + 1 : 0;
            if (type == u"list_bullet"_s) {
                pdf.addWrapped(Font::Regular, 10, indent, QString(QChar(0x2022) + u' ' + text), 3);
            } else if (type == u"list_number"_s) {
                pdf.addWrapped(Font::Regular, 10, indent,
                               QString(QString::number(number) + u". "_s + text), 3);
            } else if (type == u"list_checkbox"_s) {
                pdf.addWrapped(
                    Font::Regular, 10, indent,
                    QString((note.value(u"checked"_s).toBool() ? u"[x] "_s : u"[ ] "_s) + text), 3);
            } else if (type == u"code"_s) {
                bool first = true;
                for (const QString &line : note.value(u"text"_s).toString().split(u'\n')) {
                    pdf.add({Font::Mono, 9, indent + 10, line, first ? 6 : 0});
                    first = false;
                }
            } else if (type == u"table"_s) {
                const QJsonObject table = note.value(u"table"_s).toObject();
                if (!note.value(u"text"_s).toString().isEmpty())
                    pdf.addWrapped(Font::Regular, 10, indent, note.value(u"text"_s).toString(), 6);
                pdf.addWrapped(Font::Bold, 10, indent, table.value(u"name"_s).toString(), 4);
                QStringList labels;
                for (const QJsonValue &label : table.value(u"columnLabels"_s).toArray())
                    labels.append(label.toString());
                if (!labels.isEmpty())
                    pdf.add({Font::Bold, 9, indent + 10, labels.join(u"  |  "_s), 2});
                for (const QJsonValue &row : table.value(u"rows"_s).toArray()) {
                    QStringList cells;
                    for (const QJsonValue &cell : row.toObject().value(u"cells"_s).toArray())
                        cells.append(cell.toObject().value(u"text"_s).toString());
                    pdf.add({Font::Regular, 9, indent + 10, cells.join(u"  |  "_s), 0});
                }
            } else if (type == u"external_file"_s) {
                pdf.addWrapped(
                    Font::Regular, 10, indent,
                    u"Attachment: %1"_s.arg(note.value(u"text"_s).toString().isEmpty()
                                                ? note.value(u"externalFileId"_s).toString()
                                                : note.value(u"text"_s).toString()),
                    4);
            } else {
                pdf.addWrapped(Font::Regular, 10, indent, text, 6);
            }
        }
    }
    return pdf.finish();
}

namespace {

http::HttpResponse startExport(
    ServerContext &server, const RequestContext &context,
    const std::function<QJsonObject(const RequestContext &, const ResourceRow &)> &entryJson)
{
    JsonBody body(context.request.body);
    body.allowOnly({u"format"_s, u"id"_s}).require({u"id"_s});
    const QString id = body.string(u"id"_s);
    const QString format = body.string(u"format"_s, u"pdf"_s);
    if (!body.ok())
        return body.failure()->response();
    if (format != u"pdf"_s) {
        return badRequest(u"Field 'format' must be \"pdf\" on this server (\"html\" exports are "
                          "not supported), not \"%1\"."_s.arg(format));
    }
    if (!id.startsWith(u"etr_"_s) || !server.resources.find(u"entry"_s, id))
        return notFound(u"No entry has the id %1; only entries can be exported."_s.arg(id), id);
    auto detached = std::make_shared<DetachedContext>(context);
    ServerContext *s = &server;
    return server.tasks.start(context, [s, id, detached, entryJson]() {
        const RequestContext taskContext = detached->context();
        const auto row = s->resources.find(u"entry"_s, id);
        if (!row)
            return TaskOutcome::failure(u"Entry %1 no longer exists."_s.arg(id));
        const QJsonObject entry = entryJson(taskContext, *row);
        const QByteArray pdf = renderEntryPdf(entry, [s](const QJsonObject &link) {
            const auto target = s->resources.find(link.value(u"id"_s).toString());
            return target ? target->name : QString();
        });
        const QString blobId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString now = timestampNow();
        const QString secret =
            QUuid::createUuid().toString(QUuid::Id128) + QUuid::createUuid().toString(QUuid::Id128);
        QString name = entry.value(u"displayId"_s).toString();
        if (name.isEmpty())
            name = id;
        QSqlQuery insert = s->db.exec(
            u"INSERT INTO blobs (id, name, mime_type, type, upload_status, content, size, md5, "
            "download_secret, creator_id, created_at, modified_at) VALUES (?, ?, "
            "'application/pdf', 'RAW_FILE', 'COMPLETE', ?, ?, ?, ?, ?, ?, ?)"_s,
            {blobId, QString(name + u".pdf"_s), pdf, qint64(pdf.size()),
             QString::fromLatin1(QCryptographicHash::hash(pdf, QCryptographicHash::Md5).toHex()),
             secret, taskContext.principal.userId, now, now});
        if (insert.lastError().isValid())
            return TaskOutcome::failure(u"The PDF could not be stored."_s);
        qint64 expiresAt = 0;
        const QString url = signedBlobUrl(s->db, taskContext, blobId, &expiresAt);
        TaskOutcome outcome;
        outcome.response = QJsonObject{{u"downloadURL"_s, url}};
        return outcome;
    });
}

} // namespace

void addExportRoutes(Router &router, ServerContext &server)
{
    ServerContext *s = &server;
    // The entry as GET /entries/{id} shows it: the notebook module's own JSON.
    router.add("POST", u"/api/v2/exports"_s, [s](const RequestContext &c) {
        return startExport(*s, c, [s](const RequestContext &context, const ResourceRow &row) {
            return notebookEntryJson(*s, context, row);
        });
    });
}

} // namespace benchtop::server
