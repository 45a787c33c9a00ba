"""OutcomesGenerator: the page that gathers, finding by finding, what residents said and
what the office did (OUTCOMES_URL)."""

from pelican.generators import Generator


class OutcomesGenerator(Generator):
    def generate_output(self, writer):
        writer.write_file(self.settings["OUTCOMES_SAVE_AS"], self.get_template("reponses"), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"], url=self.settings["OUTCOMES_URL"])
