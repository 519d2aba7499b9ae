#include "SnapGene.h"

#include "bio/Sequence.h"

#include "bio/SnapGeneXml.h"

#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

enum PacketType : quint8 {
    kSequencePacket = 0,
    kPrimersPacket = 5,
    kNotesPacket = 6,
    kCookiePacket = 9,
    kFeaturesPacket = 10,
};

QString packetName(quint8 type)
{
    switch (type) {
    case kSequencePacket:
        return u"sequence"_s;
    case kPrimersPacket:
        return u"primers"_s;
    case kNotesPacket:
        return u"notes"_s;
    case kFeaturesPacket:
        return u"features"_s;
    default:
        return u"type %1"_s.arg(type);
    }
}

class Reader
{
public:
    explicit Reader(QByteArrayView data)
        : m_data(data)
    {}

    SnapGeneResult run()
    {
        if (m_data.isEmpty())
            return fail(0, u"empty file: not a SnapGene file"_s);
        qint64 offset = 0;
        bool first = true;
        while (offset < m_data.size()) {
            if (m_data.size() - offset < 5)
                return fail(offset, u"truncated packet header (%1 of 5 bytes)"_s.arg(m_data.size() -
                                                                                     offset));
            const auto type = static_cast<quint8>(m_data[offset]);
            const quint32 length = readBigEndian(offset + 1);
            const qint64 payloadOffset = offset + 5;
            if (first && type != kCookiePacket)
                return fail(
                    0, u"not a SnapGene file: it does not start with the SnapGene cookie packet"_s);
            if (length > static_cast<quint64>(m_data.size() - payloadOffset))
                return fail(offset,
                            u"%1 packet declares %2 bytes but only %3 remain (file truncated?)"_s
                                .arg(packetName(type))
                                .arg(length)
                                .arg(m_data.size() - payloadOffset));
            const QByteArrayView payload = m_data.sliced(payloadOffset, length);
            bool ok = true;
            switch (type) {
            case kCookiePacket:
                if (!payload.startsWith("SnapGene"))
                    return fail(offset, u"not a SnapGene file: bad cookie"_s);
                break;
            case kSequencePacket:
                if (m_haveSequence)
                    return fail(offset, u"more than one sequence packet"_s);
                m_haveSequence = true;
                ok = readSequence(payload, payloadOffset);
                break;
            case kFeaturesPacket:
                ok = readXml(payload, payloadOffset, type, snapgene::XmlPacket::Features);
                break;
            case kPrimersPacket:
                ok = readXml(payload, payloadOffset, type, snapgene::XmlPacket::Primers);
                break;
            case kNotesPacket:
                ok = readXml(payload, payloadOffset, type, snapgene::XmlPacket::Notes);
                break;
            default:
                break; // history, enzymes, alignments, display settings...
            }
            if (!ok)
                return {Record(), m_error};
            first = false;
            offset = payloadOffset + length;
        }
        if (!m_haveSequence)
            return fail(m_data.size(), u"no DNA sequence packet (type 0) in the file"_s);
        // Features were read before we knew the sequence length if packets came in another
        // order; check them now.
        for (const Feature &feature : std::as_const(m_record.features))
            for (const Span &span : feature.location.spans)
                if (span.end > m_record.length())
                    return fail(m_data.size(),
                                u"feature '%1' extends to %2, beyond the sequence (%3 bp)"_s
                                    .arg(feature.displayName())
                                    .arg(span.end)
                                    .arg(m_record.length()));
        return {std::move(m_record), std::nullopt};
    }

private:
    quint32 readBigEndian(qint64 at) const
    {
        quint32 value = 0;
        for (int i = 0; i < 4; ++i)
            value = (value << 8) | static_cast<quint8>(m_data[at + i]);
        return value;
    }

    SnapGeneResult fail(qint64 offset, const QString &message)
    {
        return {Record(), ParseError{0, u"byte %1: %2"_s.arg(offset).arg(message)}};
    }

    bool error(const QString &message)
    {
        m_error = ParseError{
            0, u"byte %1: %2 packet: %3"_s.arg(m_packetOffset).arg(m_packetName, message)};
        return false;
    }

    bool readSequence(QByteArrayView payload, qint64 payloadOffset)
    {
        m_packetOffset = payloadOffset;
        m_packetName = packetName(kSequencePacket);
        if (payload.isEmpty())
            return error(u"missing the topology flags byte"_s);
        const auto flags = static_cast<quint8>(payload[0]);
        const QByteArrayView bases = payload.sliced(1);
        if (const auto bad = firstInvalid(bases, Alphabet::Dna)) {
            m_packetOffset = payloadOffset + 1 + *bad;
            return error(u"invalid base 0x%1 at position %2"_s
                             .arg(static_cast<quint8>(bases[*bad]), 2, 16, QLatin1Char('0'))
                             .arg(*bad + 1));
        }
        m_record.sequence = bases.toByteArray();
        m_record.kind = MoleculeKind::Dna;
        m_record.topology = (flags & 0x01) ? Topology::Circular : Topology::Linear;
        m_record.moleculeType = (flags & 0x02) ? u"ds-DNA"_s : u"DNA"_s;
        return true;
    }

    bool readXml(QByteArrayView payload, qint64 payloadOffset, quint8 type,
                 snapgene::XmlPacket packet)
    {
        m_packetOffset = payloadOffset;
        m_packetName = packetName(type);
        const qint64 length = m_haveSequence ? m_record.length() : -1;
        if (const auto problem = snapgene::readXmlPacket(packet, payload, length, m_record))
            return error(*problem);
        return true;
    }

    QByteArrayView m_data;
    Record m_record;
    std::optional<ParseError> m_error;
    qint64 m_packetOffset = 0;
    QString m_packetName;
    bool m_haveSequence = false;
};

} // namespace

SnapGeneResult readSnapGene(QByteArrayView data)
{
    return Reader(data).run();
}

SnapGeneResult readSnapGeneFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {Record(), ParseError{0, u"cannot open %1: %2"_s.arg(path, file.errorString())}};
    SnapGeneResult result = readSnapGene(file.readAll());
    if (result.ok())
        result.record.name = QFileInfo(path).completeBaseName();
    return result;
}

} // namespace benchtop::bio
