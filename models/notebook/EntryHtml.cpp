#include "EntryHtml.h"

#include <QFileInfo>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace benchtop::models {

namespace {
QString esc(const QString &text)
{
    return text.toHtmlEscaped().replace(u'\n', u"<br>"_s);
}

QString linksHtml(const QJsonArray &links, const std::function<QString(const QJsonObject &)> &name)
{
    QStringList parts;
    for (const QJsonValue &value : links) {
        const QJsonObject link = value.toObject();
        if (link.value(u"type"_s).toString() == u"link"_s) {
            parts.append(esc(link.value(u"webURL"_s).toString()));
            continue;
        }
        QString text = name ? name(link) : QString();
        parts.append(esc(text.isEmpty() ? link.value(u"id"_s).toString() : text));
    }
    return parts.isEmpty() ? QString()
                           : QString(u" <span style=\"color:#1a5fb4\">→ "_s + parts.join(u", "_s) +
                                     u"</span>"_s);
}
} // namespace

QString entryHtml(const QJsonObject &entry, const QJsonArray &days,
                  const std::function<QString(const QJsonObject &)> &linkName)
{
    QString html = u"<html><body style=\"font-family: sans-serif; font-size: 10pt\">"_s;
    html += u"<h1>%1</h1>"_s.arg(esc(entry.value(u"name"_s).toString()));
    QStringList authors;
    for (const QJsonValue &author : entry.value(u"authors"_s).toArray())
        authors.append(author.toObject().value(u"name"_s).toString());
    html += u"<p style=\"color:#555\">%1 · %2 · modified %3</p>"_s.arg(
        esc(entry.value(u"displayId"_s).toString()), esc(authors.join(u", "_s)),
        esc(entry.value(u"modifiedAt"_s).toString()));
    for (const QJsonValue &dayValue : days) {
        const QJsonObject day = dayValue.toObject();
        html += u"<h2>%1 %2</h2>"_s.arg(esc(day.value(u"date"_s).toString()),
                                        esc(day.value(u"title"_s).toString()));
        int number = 0;
        for (const QJsonValue &noteValue : day.value(u"notes"_s).toArray()) {
            const QJsonObject note = noteValue.toObject();
            const QString type = note.value(u"type"_s).toString();
            const QString text = esc(note.value(u"text"_s).toString()) +
                                 linksHtml(note.value(u"links"_s).toArray(), linkName);
            const int indent = 16 * note.value(u"indentation"_s).toInt();
            number = type == u"list_number"_s ? number + 1 : 0;
            const QString style = u"margin-left:%1px"_s.arg(indent);
            if (type == u"list_bullet"_s)
                html += u"<p style=\"%1\">• %2</p>"_s.arg(style, text);
            else if (type == u"list_number"_s)
                html += u"<p style=\"%1\">%2. %3</p>"_s.arg(style).arg(number).arg(text);
            else if (type == u"list_checkbox"_s)
                html += u"<p style=\"%1\">%2 %3</p>"_s.arg(
                    style, note.value(u"checked"_s).toBool() ? u"☑"_s : u"☐"_s, text);
            else if (type == u"code"_s)
                html += u"<pre style=\"background:#f6f8fa\">%1</pre>"_s.arg(
                    note.value(u"text"_s).toString().toHtmlEscaped());
            else if (type == u"external_file"_s)
                html += u"<p style=\"%1\">📎 %2</p>"_s.arg(style, text);
            else if (type == u"table"_s) {
                const QJsonObject table = note.value(u"table"_s).toObject();
                html += u"<p><b>%1</b> %2</p><table border=\"1\" cellspacing=\"0\" "
                        "cellpadding=\"3\">"_s.arg(esc(table.value(u"name"_s).toString()), text);
                html += u"<tr>"_s;
                for (const QJsonValue &label : table.value(u"columnLabels"_s).toArray())
                    html += u"<th>%1</th>"_s.arg(esc(label.toString()));
                html += u"</tr>"_s;
                for (const QJsonValue &row : table.value(u"rows"_s).toArray()) {
                    html += u"<tr>"_s;
                    for (const QJsonValue &cell : row.toObject().value(u"cells"_s).toArray())
                        html +=
                            u"<td>%1</td>"_s.arg(esc(cell.toObject().value(u"text"_s).toString()));
                    html += u"</tr>"_s;
                }
                html += u"</table>"_s;
            } else
                html += u"<p style=\"%1\">%2</p>"_s.arg(style, text);
        }
    }
    return html + u"</body></html>"_s;
}

void printHtml(const QString &html, QPagedPaintDevice *device)
{
    QTextDocument document;
    document.setHtml(html);
    document.print(device);
}

bool writeEntryPdf(const QString &path, const QJsonObject &entry, const QJsonArray &days,
                   const std::function<QString(const QJsonObject &)> &linkName)
{
    QPdfWriter writer(path);
    writer.setTitle(entry.value(u"name"_s).toString());
    writer.setPageSize(QPageSize(QPageSize::A4));
    printHtml(entryHtml(entry, days, linkName), &writer);
    return QFileInfo::exists(path) && QFileInfo(path).size() > 0;
}

} // namespace benchtop::models
