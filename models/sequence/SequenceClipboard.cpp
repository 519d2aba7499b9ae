#include "SequenceClipboard.h"

#include "bio/GenBank.h"

namespace benchtop::models {

std::unique_ptr<QMimeData> sequenceMimeData(const bio::Record &part, const QByteArray &text)
{
    auto mime = std::make_unique<QMimeData>();
    mime->setText(QString::fromLatin1(text));
    mime->setData(QString::fromLatin1(kSequenceMimeType), bio::writeGenBank(part));
    return mime;
}

std::optional<bio::Record> sequenceFromMimeData(const QMimeData *mime)
{
    if (!mime)
        return std::nullopt;
    if (mime->hasFormat(QString::fromLatin1(kSequenceMimeType))) {
        const bio::GenBankResult read =
            bio::readGenBank(mime->data(QString::fromLatin1(kSequenceMimeType)));
        if (read.ok() && read.records.size() == 1)
            return read.records.first();
    }
    if (!mime->hasText())
        return std::nullopt;
    bio::Record record;
    const QByteArray text = mime->text().toLatin1();
    record.sequence.reserve(text.size());
    for (char c : text)
        if (!QChar::isSpace(uchar(c)) && !(c >= '0' && c <= '9'))
            record.sequence.append(c);
    if (record.sequence.isEmpty())
        return std::nullopt;
    return record;
}

} // namespace benchtop::models
