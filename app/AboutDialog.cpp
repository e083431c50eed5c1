#include "AboutDialog.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace mammo::app {
namespace {

QString resourceText(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

QTextBrowser* textPage(const QString& text, bool html)
{
    auto* browser = new QTextBrowser;
    browser->setOpenExternalLinks(true);
    if (html)
        browser->setHtml(text);
    else
        browser->setPlainText(text);
    return browser;
}

} // namespace

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("About Mammoscope"));
    resize(640, 520);
    auto* layout = new QVBoxLayout(this);
    auto* heading = new QLabel(tr("<h2>Mammoscope %1</h2>"
                                  "<p>Mammography viewer with an AI assistant.</p>"
                                  "<p><b>The assistant's marks are decision support, not a diagnosis.</b> "
                                  "Mammoscope is research software and is not a certified medical device.</p>")
                                   .arg(QCoreApplication::applicationVersion()));
    heading->setWordWrap(true);
    layout->addWidget(heading);

    auto* tabs = new QTabWidget;
    const QString libraries = tr(
        "<p>Mammoscope is free software under the GNU General Public License, version 3 or later.</p>"
        "<p>It is built on:</p><ul>"
        "<li><b>Qt %1</b> — GNU LGPL v3</li>"
        "<li><b>VTK</b> — BSD 3-Clause</li>"
        "<li><b>DCMTK</b> (OFFIS) — BSD 3-Clause</li>"
        "<li><b>OpenCV</b> — Apache 2.0</li>"
        "<li><b>LibTorch</b> (PyTorch) — BSD 3-Clause</li>"
        "</ul>").arg(QString::fromLatin1(qVersion()));
    tabs->addTab(textPage(libraries, true), tr("Licences"));
    const QString mias = tr("The demo study is converted from the mini-MIAS database. "
                            "Please cite: J Suckling et al (1994) \"The Mammographic Image Analysis Society Digital "
                            "Mammogram Database\", Exerpta Medica, International Congress Series 1069, pp 375–378.\n\n") +
                         resourceText(QStringLiteral(":/licences/resources/licences/mini-mias-Licence.txt"));
    tabs->addTab(textPage(mias, false), tr("mini-MIAS"));
    tabs->addTab(textPage(resourceText(QStringLiteral(":/licences/LICENSE")), false), tr("GPL"));
    layout->addWidget(tabs);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace mammo::app
