// The XML packets of a SnapGene file (features, primers, notes) into a Record; SnapGene.cpp
// reads the packets themselves.
#include "SnapGeneXml.h"

#include <QDate>
#include <QLocale>
#include <QXmlStreamReader>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace benchtop::bio::snapgene {
namespace {

// Decodes the few HTML entities SnapGene writes inside its HTML-formatted values.
QString decodeEntities(const QString &text)
{
    if (!text.contains(u'&'))
        return text;
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const qsizetype semi = text[i] == u'&' ? text.indexOf(u';', i) : -1;
        if (semi < 0 || semi - i > 10) {
            out += text[i];
            continue;
        }
        const QStringView entity = QStringView(text).sliced(i + 1, semi - i - 1);
        char32_t code = 0;
        if (entity == u"amp")
            code = u'&';
        else if (entity == u"lt")
            code = u'<';
        else if (entity == u"gt")
            code = u'>';
        else if (entity == u"quot")
            code = u'"';
        else if (entity == u"apos")
            code = u'\'';
        else if (entity == u"nbsp")
            code = u' ';
        else if (entity.startsWith(u'#')) {
            bool ok = false;
            const uint value = entity.startsWith(u"#x") || entity.startsWith(u"#X")
                                   ? entity.sliced(2).toUInt(&ok, 16)
                                   : entity.sliced(1).toUInt(&ok, 10);
            if (ok && value > 0 && value < 0x110000)
                code = value;
        }
        if (code == 0) {
            out += text[i];
            continue;
        }
        out += QString::fromUcs4(&code, 1);
        i = semi;
    }
    return out;
}

// SnapGene stores formatted text as an HTML fragment ("<html><body>...</body></html>"); keep the
// words: drop the tags (line breaks become newlines) and decode entities.
QString plainText(const QString &value)
{
    if (!value.contains(u"<html", Qt::CaseInsensitive) &&
        !value.contains(u"<body", Qt::CaseInsensitive))
        return value.trimmed();
    QString out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value[i] != u'<') {
            out += value[i];
            continue;
        }
        const qsizetype close = value.indexOf(u'>', i);
        if (close < 0) {
            out += value.sliced(i);
            break;
        }
        const QStringView tag = QStringView(value).sliced(i + 1, close - i - 1);
        if (tag.startsWith(u"br", Qt::CaseInsensitive) ||
            tag.compare(u"/p", Qt::CaseInsensitive) == 0)
            out += u'\n';
        i = close;
    }
    return decodeEntities(out).trimmed();
}

class XmlReader
{
public:
    XmlReader(QByteArrayView xml, qint64 length, Record &record)
        : m_xml(QByteArray::fromRawData(xml.data(), xml.size()))
        , m_length(length)
        , m_record(record)
    {}

    std::optional<QString> run(XmlPacket packet)
    {
        bool ok = false;
        switch (packet) {
        case XmlPacket::Features:
            ok = readFeatures(m_xml);
            break;
        case XmlPacket::Primers:
            ok = readPrimers(m_xml);
            break;
        case XmlPacket::Notes:
            ok = readNotes(m_xml);
            break;
        }
        if (m_xml.hasError()) // the more basic problem, whatever the handlers made of it
            return u"XML error at line %1, column %2: %3"_s.arg(m_xml.lineNumber())
                .arg(m_xml.columnNumber())
                .arg(m_xml.errorString());
        if (!ok)
            return m_message;
        return std::nullopt;
    }

private:
    bool error(const QString &message)
    {
        m_message = message;
        return false;
    }

    // "start-end", 1-based inclusive; start > end crosses the origin. Spans come back in
    // sequence order.
    bool parseRange(QStringView text, const QString &what, QList<Span> *spans)
    {
        const qsizetype dash = text.indexOf(u'-');
        bool okStart = false;
        bool okEnd = false;
        const qint64 start = dash > 0 ? text.first(dash).trimmed().toLongLong(&okStart) : 0;
        const qint64 end = dash > 0 ? text.sliced(dash + 1).trimmed().toLongLong(&okEnd) : 0;
        if (!okStart || !okEnd || start < 1 || end < 1)
            return error(u"%1 has an invalid range '%2'"_s.arg(what, text.toString()));
        const qint64 length = m_length;
        if (length >= 0 && (start > length || end > length))
            return error(
                u"%1 range '%2' is outside the sequence (%3 bp)"_s.arg(what, text.toString())
                    .arg(length));
        Span span;
        if (start <= end) {
            span.start = start - 1;
            span.end = end;
            spans->append(span);
            return true;
        }
        if (length < 0)
            return error(u"%1 crosses the origin before the sequence is known"_s.arg(what));
        span.start = start - 1;
        span.end = length;
        spans->append(span);
        span.start = 0;
        span.end = end;
        spans->append(span);
        return true;
    }

    // Moves to the root element. Only the root is read: QXmlStreamReader::readNextStartElement()
    // past the root's end reports a premature end of document.
    bool enterRoot(QXmlStreamReader &xml, QStringView root)
    {
        if (!xml.readNextStartElement())
            return xml.hasError() ? false : error(u"no <%1> element"_s.arg(root));
        if (xml.name() != root)
            return error(u"expected <%1>, found <%2>"_s.arg(root, xml.name()));
        return true;
    }

    bool readFeatures(QXmlStreamReader &xml)
    {
        if (!enterRoot(xml, u"Features"))
            return false;
        while (xml.readNextStartElement()) {
            if (xml.name() == u"Feature") {
                if (!readFeature(xml))
                    return false;
            } else {
                xml.skipCurrentElement();
            }
        }
        return true;
    }

    bool readFeature(QXmlStreamReader &xml)
    {
        const QXmlStreamAttributes attributes = xml.attributes();
        Feature feature;
        feature.type = attributes.value("type"_L1).toString();
        if (feature.type.isEmpty())
            feature.type = u"misc_feature"_s;
        const QString name = plainText(attributes.value("name"_L1).toString());
        const QString what = u"feature '%1'"_s.arg(name);
        const int direction = attributes.value("directionality"_L1).toInt();
        const Strand strand = direction == 1   ? Strand::Forward
                              : direction == 2 ? Strand::Reverse
                                               : Strand::None;
        QList<Span> spans;
        QString color;
        QList<Qualifier> qualifiers;
        while (xml.readNextStartElement()) {
            if (xml.name() == u"Segment") {
                const QXmlStreamAttributes segment = xml.attributes();
                if (segment.value("type"_L1) != u"gap") {
                    if (!parseRange(segment.value("range"_L1), what, &spans))
                        return false;
                    if (color.isEmpty())
                        color = segment.value("color"_L1).toString();
                }
                xml.skipCurrentElement();
            } else if (xml.name() == u"Q") {
                if (!readQualifier(xml, what, &qualifiers))
                    return false;
            } else {
                xml.skipCurrentElement();
            }
        }
        if (xml.hasError())
            return false; // run() reports it
        if (spans.isEmpty())
            return error(u"%1 has no segments"_s.arg(what));
        feature.location = Location::onStrand(std::move(spans), strand);

        const auto label = std::find_if(qualifiers.cbegin(), qualifiers.cend(),
                                        [](const Qualifier &q) { return q.name == u"label"; });
        if (!name.isEmpty()) {
            if (label == qualifiers.cend())
                qualifiers.prepend(Qualifier{u"label"_s, name, true});
            else if (std::none_of(qualifiers.cbegin(), qualifiers.cend(), [&](const Qualifier &q) {
                         return q.name == u"label" && q.value == name;
                     }))
                qualifiers.append(Qualifier{u"name"_s, name, true});
        }
        if (!color.isEmpty())
            qualifiers.append(Qualifier{u"color"_s, color, true});
        feature.qualifiers = std::move(qualifiers);
        m_record.features.append(std::move(feature));
        return true;
    }

    bool readQualifier(QXmlStreamReader &xml, const QString &what, QList<Qualifier> *qualifiers)
    {
        const QString name = xml.attributes().value("name"_L1).toString();
        if (name.isEmpty())
            return error(u"%1 has a qualifier without a name"_s.arg(what));
        bool anyValue = false;
        while (xml.readNextStartElement()) {
            if (xml.name() == u"V") {
                anyValue = true;
                const QXmlStreamAttributes v = xml.attributes();
                QString value;
                if (v.hasAttribute("text"_L1))
                    value = plainText(v.value("text"_L1).toString());
                else if (v.hasAttribute("predef"_L1))
                    value = plainText(v.value("predef"_L1).toString());
                else if (v.hasAttribute("int"_L1))
                    value = v.value("int"_L1).toString().trimmed();
                if (name == u"translation")
                    value.remove(u','); // SnapGene marks segment boundaries with commas
                if (!value.isEmpty())
                    qualifiers->append(Qualifier{name, value, true});
            }
            xml.skipCurrentElement();
        }
        if (!anyValue)
            qualifiers->append(Qualifier{name, QString(), false});
        return true;
    }

    bool readPrimers(QXmlStreamReader &xml)
    {
        if (!enterRoot(xml, u"Primers"))
            return false;
        while (xml.readNextStartElement()) {
            if (xml.name() == u"Primer") {
                if (!readPrimer(xml))
                    return false;
            } else {
                xml.skipCurrentElement();
            }
        }
        return true;
    }

    bool readPrimer(QXmlStreamReader &xml)
    {
        const QXmlStreamAttributes attributes = xml.attributes();
        const QString name = plainText(attributes.value("name"_L1).toString());
        const QString bases = attributes.value("sequence"_L1).toString().trimmed();
        const QString note = plainText(attributes.value("description"_L1).toString());
        const QString what = u"primer '%1'"_s.arg(name);
        QList<Location> sites;
        while (xml.readNextStartElement()) {
            if (xml.name() == u"BindingSite") {
                const QXmlStreamAttributes site = xml.attributes();
                if (!site.hasAttribute("location"_L1))
                    return error(u"%1 has a binding site without a location"_s.arg(what));
                QList<Span> spans;
                if (!parseRange(site.value("location"_L1), what, &spans))
                    return false;
                const Strand strand =
                    site.value("boundStrand"_L1) == u"1" ? Strand::Reverse : Strand::Forward;
                Location location = Location::onStrand(std::move(spans), strand);
                // SnapGene stores each site twice (the second marked simplified="1").
                if (!sites.contains(location))
                    sites.append(std::move(location));
            }
            xml.skipCurrentElement();
        }
        for (const Location &location : std::as_const(sites)) {
            Feature feature;
            feature.type = u"primer_bind"_s;
            feature.location = location;
            if (!name.isEmpty())
                feature.qualifiers.append(Qualifier{u"label"_s, name, true});
            if (!bases.isEmpty())
                feature.qualifiers.append(Qualifier{u"sequence"_s, bases, true});
            if (!note.isEmpty())
                feature.qualifiers.append(Qualifier{u"note"_s, note, true});
            m_record.features.append(std::move(feature));
        }
        return true;
    }

    bool readNotes(QXmlStreamReader &xml)
    {
        QString comments;
        if (!enterRoot(xml, u"Notes"))
            return false;
        while (xml.readNextStartElement()) {
            const QString element = xml.name().toString();
            const QString text =
                plainText(xml.readElementText(QXmlStreamReader::IncludeChildElements));
            if (element == u"Description") {
                m_record.description = text;
            } else if (element == u"Comments") {
                comments = text;
            } else if (element == u"AccessionNumber") {
                m_record.accession = text;
            } else if (element == u"Type" && text == u"Synthetic") {
                m_record.division = u"SYN"_s;
            } else if (element == u"LastModified") {
                const QDate date = QDate::fromString(text, u"yyyy.M.d"_s);
                if (date.isValid())
                    m_record.date = QLocale::c().toString(date, u"dd-MMM-yyyy"_s).toUpper();
            }
        }
        if (m_record.description.isEmpty())
            m_record.description = comments;
        return true;
    }

    QXmlStreamReader m_xml;
    qint64 m_length;
    Record &m_record;
    QString m_message;
};

} // namespace

std::optional<QString> readXmlPacket(XmlPacket packet, QByteArrayView xml, qint64 length,
                                     Record &record)
{
    return XmlReader(xml, length, record).run(packet);
}

} // namespace benchtop::bio::snapgene
