"""Pages of the strategy that are not content pages: findings no project answers yet."""

from pelican.generators import Generator


class UnansweredGenerator(Generator):
    def generate_output(self, writer):
        writer.write_file(self.settings["UNANSWERED_SAVE_AS"], self.get_template("sans-reponse"), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"], url=self.settings["UNANSWERED_URL"])
